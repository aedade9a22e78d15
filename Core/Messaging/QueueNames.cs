namespace Portable.Core.Messaging;

/// <summary>The system's queues; names are the same on every host (SQS adds <c>.fifo</c> where ordered).</summary>
public static class QueueNames
{
    /// <summary>Placed orders waiting for the dispatcher; ordered per order id.</summary>
    public const string OrderDispatch = "order-dispatch";

    /// <summary>Spectrophotometer samples arriving from instruments.</summary>
    public const string QualitySamples = "qc-samples";

    /// <summary>Notifications of failed samples to lab staff.</summary>
    public const string QualityNotifications = "qc-notifications";

    /// <summary>Error logs buffered on their way to the store.</summary>
    public const string ErrorLogs = "error-logs";

    /// <summary>Hints that a durable instance has work; the store stays the truth.</summary>
    public const string DurableWakeups = "durable-wakeups";

    public static IReadOnlyList<string> All { get; } = [OrderDispatch, QualitySamples, QualityNotifications, ErrorLogs, DurableWakeups];

    /// <summary>Queues whose consumers need per-group order.</summary>
    public static bool IsFifo(string name) => name == OrderDispatch;

    /// <summary>The dead-letter queue of <paramref name="name"/> (FIFO when <paramref name="name"/> is).</summary>
    public static string DeadLetter(string name) => name + "-dlq";
}
