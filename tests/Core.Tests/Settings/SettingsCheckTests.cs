using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portable.Core;
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

    [Test]
    public void A_host_that_checks_the_settings_itself_gets_no_startup_validator_and_its_check_still_refuses()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Quality:Notifier:WebhookUrl"] = "http://127.0.0.1:9/hook",
                ["Orders:Payment:TransientFailures"] = "-1",
            })
            .Build();
        var services = new ServiceCollection().CheckSettingsWithoutStartupValidator().AddLogging();
        services.AddPortableCore(configuration);
        using var provider = services.BuildServiceProvider();

        var check = Assert.Catch(provider.ValidateSettings);

        Assert.That(provider.GetService<IStartupValidator>(), Is.Null);
        Assert.That(check, Is.TypeOf<OptionsValidationException>());
        Assert.That(check!.Message, Does.Contain("Orders:Payment:TransientFailures"));
    }
}
