namespace Portable.Core.Messaging;

/// <summary>
/// The queue port, with SQS semantics: at-least-once delivery, a visibility timeout per receipt, and a
/// dead-letter queue that takes a message after it has been received <c>MaxReceiveCount</c> times.
/// </summary>
public interface IMessageQueue
{
    string Name { get; }

    /// <summary>Receives allowed before the queue moves a message to its dead-letter queue; null for a queue without one.</summary>
    int? MaxReceiveCount { get; }

    /// <summary>Sends in batches; returns once every message is accepted by the queue.</summary>
    Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken);

    /// <summary>Waits up to <paramref name="wait"/> (long polling) for at most <paramref name="maxMessages"/> (1 to 10) messages; returns as soon as there are any.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Keeps a message hidden while its work is still running. A receipt that is no longer current does nothing.</summary>
    Task ExtendVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Acknowledges processed messages. Use the receipt of the latest receive: an older one does nothing on the
    /// embedded queue, and SQS documents it as "may or may not delete", so handlers stay idempotent.</summary>
    Task DeleteAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken);

    /// <summary>Gives a message back after a failure, visible again after <paramref name="delay"/>. A receipt that is no longer current does nothing.</summary>
    Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken);
}
