using System.Diagnostics;
using Portable.Core.Telemetry;

namespace Portable.Core.Messaging;

/// <summary>
/// Spans and counts for sends and receives; each message sent carries its send span's <c>traceparent</c>
/// (<see cref="QueueTracing"/>). A receive that returns nothing records nothing: long polls of an idle
/// queue would otherwise bury the traces that matter. Settling calls (delete, release, extend) pass through.
/// </summary>
public sealed class TracingMessageQueue(IMessageQueue inner, TimeProvider time) : IMessageQueue
{
    public string Name => inner.Name;

    public int? MaxReceiveCount => inner.MaxReceiveCount;

    public async Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        using var activity = PortableTelemetry.Source.StartActivity($"send {inner.Name}", ActivityKind.Producer);
        activity?.SetTag("messaging.destination.name", inner.Name);
        activity?.SetTag("messaging.batch.message_count", messages.Count);
        try
        {
            await inner.SendAsync(messages.Select(message => QueueTracing.Stamp(message, activity)).ToList(), cancellationToken);
            PortableMetrics.QueueMessagesMoved(inner.Name, "sent", messages.Count);
        }
        catch (Exception exception)
        {
            PortableTelemetry.Fail(activity, exception);
            throw;
        }
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var messages = await inner.ReceiveAsync(maxMessages, wait, visibilityTimeout, cancellationToken);
        if (messages.Count > 0)
        {
            using var activity = PortableTelemetry.Source.StartActivity(
                $"receive {inner.Name}", ActivityKind.Consumer, parentContext: default, startTime: started);
            activity?.SetTag("messaging.destination.name", inner.Name);
            activity?.SetTag("messaging.batch.message_count", messages.Count);
            PortableMetrics.QueueMessagesMoved(inner.Name, "received", messages.Count);
        }

        return messages;
    }

    public Task ExtendVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        inner.ExtendVisibilityAsync(message, visibilityTimeout, cancellationToken);

    public Task DeleteAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken) =>
        inner.DeleteAsync(messages, cancellationToken);

    public Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        inner.ReleaseAsync(message, delay, cancellationToken);
}
