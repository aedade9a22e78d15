using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portable.Core.Orders;
using Portable.Core.Settings;
using Portable.Tests.Support;

namespace Portable.Core.Tests.Settings;

/// <summary>The settings check of hosts that start no generic host (Lambda): the same refusals as the startup validator.</summary>
public sealed class SettingsCheckTests
{
    [Test]
    public void Good_settings_pass_and_the_bound_value_is_the_one_the_options_pipeline_gives()
    {
        using var services = CoreRoutes.Services(new Dictionary<string, string?> { ["Orders:Payment:Limit"] = "250" });

        services.ValidateSettings();

        Assert.That(services.GetRequiredService<OrderOptions>().PaymentLimit, Is.EqualTo(250));
        Assert.That(services.GetRequiredService<IOptions<OrderOptions>>().Value.PaymentLimit, Is.EqualTo(250));
    }

    [Test]
    public void One_bad_setting_is_refused_naming_its_key_as_the_startup_validator_does()
    {
        using var services = CoreRoutes.Services(new Dictionary<string, string?> { ["Orders:Payment:TransientFailures"] = "-1" });

        var check = Assert.Catch(services.ValidateSettings);
        var validator = Assert.Catch(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(check, Is.TypeOf<OptionsValidationException>());
        Assert.That(check!.Message, Does.Contain("Orders:Payment:TransientFailures"));
        Assert.That(check.Message, Is.EqualTo(validator!.Message));
    }

    [Test]
    public void Bad_settings_of_several_options_are_all_named_at_once()
    {
        using var services = CoreRoutes.Services(new Dictionary<string, string?>
        {
            ["Orders:Payment:TransientFailures"] = "-1",
            ["Quality:Notifier:WebhookUrl"] = "not a url",
        });

        var refusal = Assert.Catch<AggregateException>(services.ValidateSettings);

        Assert.That(refusal!.InnerExceptions, Has.Count.EqualTo(2));
        Assert.That(refusal.Message, Does.Contain("Orders:Payment:TransientFailures").And.Contain("Quality:Notifier:WebhookUrl"));
    }
}
