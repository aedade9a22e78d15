using Microsoft.Extensions.Configuration;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Binds <see cref="DurableOptions"/> from the host's configuration where it has one (host.json's <c>durableTask</c>
/// section as the embedded host loads it, then the <c>Durable</c> section), then applies what code configures. Hosts
/// without configuration (tests) keep the defaults and what they configure in code.
/// </summary>
internal static class DurableOptionsBinding
{
    public static DurableOptions Bind(IConfiguration? configuration, Action<DurableOptions>? configure)
    {
        var options = new DurableOptions();
        if (configuration is not null)
        {
            configuration.GetSection(DurableOptions.HostJsonSection).Bind(options);
            configuration.GetSection(DurableOptions.Section).Bind(options);
        }

        configure?.Invoke(options);
        return options;
    }
}
