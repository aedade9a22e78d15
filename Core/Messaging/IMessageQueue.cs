namespace Portable.Core.Messaging;

/// <summary>
/// The queue port, with SQS semantics: at-least-once delivery, a visibility timeout per receipt, and a
/// dead-letter queue that takes a message after it has been received <c>MaxReceiveCount</c> times.
/// </summary>
public interface IMessageQueue
{
    string Name { get; }

    /// <summary>Sends in batches; returns once every message is accepted by the queue.</summary>
    Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken);

    /// <summary>Waits up to <paramref name="wait"/> (long polling) for at most <paramref name="maxMessages"/> messages.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Keeps a message hidden while its work is still running.</summary>
    Task ExtendVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken);

    /// <summary>Acknowledges processed messages.</summary>
    Task DeleteAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken);

    /// <summary>Gives a message back after a failure, visible again after <paramref name="delay"/>.</summary>
    Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken);
}
