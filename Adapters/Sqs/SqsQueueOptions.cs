using Portable.Core.Settings;

namespace Portable.Adapters.Sqs;

/// <summary>The <c>Sqs</c> configuration section.</summary>
public sealed record SqsQueueOptions : IValidatedOptions
{
    public const string Section = "Sqs";

    /// <summary>An endpoint other than AWS's, such as the emulator; null on AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The queues' region; unset, the one Lambda names in <c>AWS_REGION</c>, else <c>us-east-1</c>.</summary>
    public string? Region { get; set; }

    /// <summary>Put before every queue name, to keep environments or test runs apart.</summary>
    public string QueuePrefix { get; set; } = "";

    /// <summary>The <c>maxReceiveCount</c> of the redrive policy; must match the template's where the template creates the queues.</summary>
    public int MaxReceiveCount { get; set; } = 5;

    /// <summary>
    /// Whether each queue and its dead-letter queue are created on first use; unset, exactly when <see cref="ServiceUrl"/>
    /// names an emulator (on AWS the SAM template creates them).
    /// </summary>
    public bool? CreateQueues { get; set; }

    /// <summary>
    /// Queue addresses by queue name (<c>Sqs:Queues:&lt;name&gt;:Url</c>; dead-letter queues as <c>&lt;name&gt;-dlq</c>), a
    /// name's <c>-</c> also written <c>_</c>, as environment variable names must be on Lambda
    /// (<c>Sqs__Queues__order_dispatch__Url</c>); others are looked up by name, a request each process.
    /// </summary>
    public Dictionary<string, SqsQueueAddress> Queues { get; set; } = new(StringComparer.Ordinal);

    public string RegionOrDefault => string.IsNullOrWhiteSpace(Region) ? "us-east-1" : Region;

    public bool CreatesQueues => CreateQueues ?? !string.IsNullOrWhiteSpace(ServiceUrl);

    /// <summary>The address configured for a queue, under its name or with <c>_</c> for its <c>-</c>; null when none is.</summary>
    public string? ConfiguredUrl(string name) =>
        Queues.TryGetValue(name, out var address) || Queues.TryGetValue(name.Replace('-', '_'), out address) ? address.Url : null;

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(ServiceUrl) && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
        {
            yield return $"{Section}:ServiceUrl must be an absolute URL; it is '{ServiceUrl}'.";
        }

        if (MaxReceiveCount is < 1 or > 1000)
        {
            yield return $"{Section}:MaxReceiveCount must be from 1 to 1000, as SQS allows; it is {MaxReceiveCount}.";
        }

        foreach (var (name, address) in Queues)
        {
            if (!Uri.TryCreate(address.Url, UriKind.Absolute, out _))
            {
                yield return $"{Section}:Queues:{name}:Url must be an absolute URL.";
            }
        }
    }
}
