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

    [TestCase("AzureFunctionsJobHost:extensions:durableTask:maxConcurrentOrchestratorFunctions", "many", "maxConcurrentOrchestratorFunctions")]
    [TestCase("AzureFunctionsJobHost:extensions:durableTask:maxConcurrentActivityFunctions", "0", "maxConcurrentActivityFunctions must be positive")]
    [TestCase("Durable:ActivityLeaseDuration", "-00:00:01", "Durable:ActivityLeaseDuration must be a positive time span")]
    [TestCase("Durable:OrchestrationLeaseDuration", "a minute", "Durable:OrchestrationLeaseDuration")]
    public void A_bad_setting_stops_the_host_at_start_naming_its_key(string key, string value, string message)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build());
        services.AddDurableRuntime();
        using var provider = services.BuildServiceProvider();

        var refusal = Assert.Catch(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(refusal!.Message, Does.Contain(message).IgnoreCase);
    }

    [Test]
    public void Leases_and_the_crash_fault_come_from_the_durable_section()
    {
        var options = Resolve(new Dictionary<string, string?>
        {
            ["Durable:OrchestrationLeaseDuration"] = "00:00:03",
            ["Durable:ActivityLeaseDuration"] = "00:00:04",
            ["Durable:Faults:CrashAfterActivity"] = "ChargePayment",
        });

        Assert.Multiple(() =>
        {
            Assert.That(options.OrchestrationLeaseDuration, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(options.ActivityLeaseDuration, Is.EqualTo(TimeSpan.FromSeconds(4)));
            Assert.That(options.CrashAfterActivity, Is.EqualTo("ChargePayment"));
        });
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
