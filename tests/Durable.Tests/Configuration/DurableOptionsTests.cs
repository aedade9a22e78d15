using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portable.Adapters.Durable;
using Portable.Adapters.Durable.Worker;

namespace Portable.Durable.Tests.Configuration;

public sealed class DurableOptionsTests
{
    [Test]
    public void Concurrency_limits_come_from_host_json_in_configuration()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:durableTask:maxConcurrentOrchestratorFunctions"] = "2",
            ["AzureFunctionsJobHost:extensions:durableTask:maxConcurrentActivityFunctions"] = "16",
        });

        Assert.Multiple(() =>
        {
            Assert.That(options.MaxConcurrentOrchestratorFunctions, Is.EqualTo(2));
            Assert.That(options.MaxConcurrentActivityFunctions, Is.EqualTo(16));
        });
    }

    [Test]
    public void Code_configuration_overrides_host_json()
    {
        var options = Resolve(
            new Dictionary<string, string?> { ["AzureFunctionsJobHost:extensions:durableTask:maxConcurrentActivityFunctions"] = "16" },
            o => o.MaxConcurrentActivityFunctions = 3);

        Assert.That(options.MaxConcurrentActivityFunctions, Is.EqualTo(3));
    }

    [Test]
    public void A_limit_that_is_not_a_positive_number_is_rejected_with_its_key()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(new Dictionary<string, string?>
        {
            ["AzureFunctionsJobHost:extensions:durableTask:maxConcurrentOrchestratorFunctions"] = "many",
        }));

        Assert.That(error!.Message, Does.Contain("maxConcurrentOrchestratorFunctions").And.Contain("many"));
    }

    private static DurableOptions Resolve(Dictionary<string, string?> settings, Action<DurableOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddDurableRuntime(configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<DurableOptions>>().Value;
    }
}
