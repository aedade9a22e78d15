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
