using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Portable.Adapters.Durable.Worker;

/// <summary>Applies host.json's durableTask concurrency limits when configuration is present.</summary>
internal sealed class HostJsonDurableOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<DurableOptions>
{
    public void Configure(DurableOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        if (configuration["Durable:Faults:CrashAfterActivity"] is { Length: > 0 } crashAfter)
        {
            options.CrashAfterActivity = crashAfter;
        }

        if (ReadSpan(configuration, "Durable:OrchestrationLeaseDuration") is { } orchestrationLease)
        {
            options.OrchestrationLeaseDuration = orchestrationLease;
        }

        if (ReadSpan(configuration, "Durable:ActivityLeaseDuration") is { } activityLease)
        {
            options.ActivityLeaseDuration = activityLease;
        }

        var section = configuration.GetSection(DurableOptions.HostJsonSection);
        if (ReadPositive(section, "maxConcurrentOrchestratorFunctions") is { } orchestrators)
        {
            options.MaxConcurrentOrchestratorFunctions = orchestrators;
        }

        if (ReadPositive(section, "maxConcurrentActivityFunctions") is { } activities)
        {
            options.MaxConcurrentActivityFunctions = activities;
        }
    }

    /// <summary>A lease is how long a dead worker's claim blocks others, so it is tunable: short for tests, longer than the slowest step in production.</summary>
    private static TimeSpan? ReadSpan(IConfiguration configuration, string key)
    {
        var text = configuration[key];
        if (text is null)
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.FromSeconds(1)
            ? value
            : throw new OptionsValidationException(
                key, typeof(DurableOptions), [$"{key} must be a time span of at least one second, such as 00:01:00, not '{text}'."]);
    }

    private static int? ReadPositive(IConfigurationSection section, string key)
    {
        var text = section[key];
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new OptionsValidationException(
                key, typeof(DurableOptions), [$"{DurableOptions.HostJsonSection}:{key} must be a positive integer, not '{text}'."]);
    }
}
