using Portable.Core.Messaging;

namespace Portable.Adapters.Aws.Queues;

/// <summary>
/// Consumes the messages of one of Core's queues (<see cref="QueueNames"/>). Register one per queue
/// (<c>services.AddSingleton&lt;IQueueConsumer, ...&gt;()</c>); the last registered for a queue wins, so a
/// composition can replace a default. A queue without a consumer fails its records, which SQS then
/// redrives to the dead-letter queue, so nothing is dropped silently.
/// </summary>
/// <remarks>
/// Still open: <see cref="QueueNames.QualityNotifications"/>; the template does not subscribe it until its consumer exists.
/// </remarks>
public interface IQueueConsumer
{
    /// <summary>The logical queue name, without prefix or <c>.fifo</c>.</summary>
    string QueueName { get; }

    /// <summary>
    /// Handles one message; delivery is at least once, so the effects must be idempotent. A
    /// <see cref="Core.Validation.ValidationException"/> or <see cref="System.Text.Json.JsonException"/> marks the message malformed.
    /// </summary>
    /// <param name="services">The invocation's scope; resolve dependencies here, so one queue's missing service never breaks another's.</param>
    Task HandleAsync(ReceivedMessage message, IServiceProvider services, CancellationToken cancellationToken);
}
