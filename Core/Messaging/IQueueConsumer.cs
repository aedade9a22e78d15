namespace Portable.Core.Messaging;

/// <summary>
/// Handles the messages of one of the system's queues. Each consumer is defined once, beside its domain, and listed in
/// <see cref="QueueConsumers"/>; every host binds that list its own way (a pump, an SQS event source, a queue trigger).
/// Delivery is at least once, so a consumer's effects are idempotent. A message it cannot read throws
/// <see cref="Validation.ValidationException"/> or <see cref="System.Text.Json.JsonException"/>; any exception gives the
/// message back to the queue, whose redrive ends it in the dead-letter queue.
/// </summary>
public interface IQueueConsumer
{
    Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken);
}
