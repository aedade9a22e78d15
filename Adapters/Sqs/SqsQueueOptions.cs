using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Adapters.Sqs;

/// <summary>The <c>Sqs</c> configuration section.</summary>
public sealed record SqsQueueOptions
{
    /// <summary>An endpoint other than AWS's, such as the emulator; null on AWS.</summary>
    public string? ServiceUrl { get; init; }

    public string Region { get; init; } = "us-east-1";

    /// <summary>Put before every queue name, to keep environments or test runs apart.</summary>
    public string QueuePrefix { get; init; } = "";

    /// <summary>The <c>maxReceiveCount</c> of the redrive policy; must match the template's where the template creates the queues.</summary>
    public int MaxReceiveCount { get; init; } = 5;

    /// <summary>Creates each queue and its dead-letter queue on first use (the emulator); on AWS the SAM template creates them.</summary>
    public bool CreateQueues { get; init; }

    /// <summary>Queue URLs by queue name (<c>Sqs:Queues:&lt;name&gt;:Url</c>; dead-letter queues as <c>&lt;name&gt;-dlq</c>); others are looked up by name.</summary>
    public IReadOnlyDictionary<string, string> QueueUrls { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public static SqsQueueOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Sqs");
        var serviceUrl = NullIfEmpty(section["ServiceUrl"]);
        var maxReceiveCount = NullIfEmpty(section["MaxReceiveCount"]) is { } max ? int.Parse(max, NumberStyles.None, CultureInfo.InvariantCulture) : 5;
        if (maxReceiveCount is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(configuration), maxReceiveCount, "Sqs:MaxReceiveCount must be from 1 to 1000, as SQS allows.");
        }

        return new SqsQueueOptions
        {
            ServiceUrl = serviceUrl,

            // Lambda tells its region in AWS_REGION.
            Region = NullIfEmpty(section["Region"]) ?? NullIfEmpty(Environment.GetEnvironmentVariable("AWS_REGION")) ?? "us-east-1",
            QueuePrefix = section["QueuePrefix"] ?? "",
            MaxReceiveCount = maxReceiveCount,
            CreateQueues = NullIfEmpty(section["CreateQueues"]) is { } create ? bool.Parse(create) : serviceUrl is not null,
            QueueUrls = section.GetSection("Queues").GetChildren()
                .Where(queue => !string.IsNullOrWhiteSpace(queue["Url"]))
                .ToDictionary(queue => queue.Key, queue => queue["Url"]!, StringComparer.Ordinal),
        };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
