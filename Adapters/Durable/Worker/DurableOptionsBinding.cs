using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Binds <see cref="DurableOptions"/> from the host's configuration where it has one: host.json's <c>durableTask</c>
/// section as the embedded host loads it, then the <c>Durable</c> section. Hosts without configuration (tests) keep the
/// defaults and what they configure in code.
/// </summary>
internal sealed class DurableOptionsBinding(IConfiguration? configuration = null) : IConfigureOptions<DurableOptions>
{
    public void Configure(DurableOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        configuration.GetSection(DurableOptions.HostJsonSection).Bind(options);
        configuration.GetSection(DurableOptions.Section).Bind(options);
    }
}
