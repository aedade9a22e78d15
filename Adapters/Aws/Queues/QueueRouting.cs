using Portable.Core.Messaging;

namespace Portable.Adapters.Aws.Queues;

/// <summary>
/// Finds a record's consumer from its queue ARN: the name after the last colon, less <c>.fifo</c> and the
/// deployment's queue prefix (<c>Sqs:QueuePrefix</c>, the template's <c>${AWS::StackName}-</c>). Without a
/// prefix, a name ending in <c>-&lt;queue&gt;</c> matches too. A consumer is built when its queue's first record
/// arrives: a function's cold start pays only for the consumer its event needs.
/// </summary>
public sealed class QueueRouting
{
    private const string FifoSuffix = ".fifo";

    private readonly Dictionary<string, Lazy<IQueueConsumer>> _consumers;
    private readonly string _prefix;

    /// <param name="consumers">Each logical queue name (<see cref="Core.Messaging.QueueNames"/>) with what builds its consumer.</param>
    /// <param name="queuePrefix">The deployment's queue-name prefix, if any.</param>
    public QueueRouting(IReadOnlyDictionary<string, Func<IQueueConsumer>> consumers, string? queuePrefix)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        _consumers = consumers.ToDictionary(pair => pair.Key, pair => new Lazy<IQueueConsumer>(pair.Value), StringComparer.Ordinal);
        _prefix = queuePrefix ?? "";
    }

    public IReadOnlyCollection<string> QueueNames => _consumers.Keys;

    /// <summary>The queue's name as Core knows it, for an SQS queue ARN or name.</summary>
    public string LogicalName(string? eventSourceArn)
    {
        var name = eventSourceArn ?? "";
        name = name[(name.LastIndexOf(':') + 1)..];
        if (name.EndsWith(FifoSuffix, StringComparison.Ordinal))
        {
            name = name[..^FifoSuffix.Length];
        }

        if (_prefix.Length > 0 && name.StartsWith(_prefix, StringComparison.Ordinal))
        {
            return name[_prefix.Length..];
        }

        if (_consumers.ContainsKey(name))
        {
            return name;
        }

        // Longest first, so that "x-samples" never takes a record of "x-qc-samples".
        return _consumers.Keys.Where(queue => name.EndsWith("-" + queue, StringComparison.Ordinal)).MaxBy(queue => queue.Length) ?? name;
    }

    public IQueueConsumer? Find(string queueName) => _consumers.GetValueOrDefault(queueName)?.Value;
}
