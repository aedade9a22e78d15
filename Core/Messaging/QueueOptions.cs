using Microsoft.Extensions.Configuration;
using Portable.Core.Settings;

namespace Portable.Core.Messaging;

/// <summary>Where the system's queues live, where a host offers more than one place (<c>Queues:*</c>), read in the host's composition.</summary>
public sealed record QueueOptions : IValidatedOptions
{
    public const string Section = "Queues";

    /// <summary><c>Queues:Provider</c>.</summary>
    public QueueProvider Provider { get; set; } = QueueProvider.InProcess;

    /// <summary>The bound <c>Queues</c> section; a bad value stops the host with its key.</summary>
    public static QueueOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return (configuration.GetSection(Section).Get<QueueOptions>() ?? new QueueOptions()).ThrowIfInvalid();
    }

    public IEnumerable<string> Problems()
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return $"{Section}:Provider must be InProcess or Sqs.";
        }
    }
}
