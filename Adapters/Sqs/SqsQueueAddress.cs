namespace Portable.Adapters.Sqs;

/// <summary><c>Sqs:Queues:&lt;name&gt;</c>: a queue whose URL is configured rather than looked up by name.</summary>
public sealed record SqsQueueAddress
{
    public string? Url { get; set; }
}
