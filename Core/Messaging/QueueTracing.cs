using System.Diagnostics;
using Portable.Core.Telemetry;

namespace Portable.Core.Messaging;

/// <summary>
/// Carries a trace across a queue: the sender stamps each message with its span's W3C <c>traceparent</c>, and whoever
/// hands the message to its consumer (the embedded pump, the Lambda SQS handler, the Functions queue trigger) starts
/// the consumer's span as a child of it, so one trace runs from the request through the queue to what the consumer does.
/// </summary>
public static class QueueTracing
{
    /// <summary>The message as it is sent: its own trace context if it has one, else that of <paramref name="sender"/> or the current span.</summary>
    public static QueueMessage Stamp(QueueMessage message, Activity? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.TraceParent is null && TraceParentOf(sender ?? Activity.Current) is { } traceParent
            ? message with { TraceParent = traceParent }
            : message;
    }

    /// <summary>
    /// The span of one message's processing on <paramref name="queue"/>, a child of the context the message was sent in
    /// (an X-Ray trace header is read too, as SQS gives one); null when nobody listens.
    /// </summary>
    public static Activity? StartProcess(string queue, ReceivedMessage message, string? fallbackTraceHeader = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!PortableTelemetry.Source.HasListeners())
        {
            return null;
        }

        var parent = CloudTrace.TryParse(message.TraceParent, out var sent) || CloudTrace.TryParse(fallbackTraceHeader, out sent) ? sent : default;
        var activity = PortableTelemetry.Source.StartActivity($"process {queue}", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.destination.name", queue);
        activity?.SetTag("messaging.message.id", message.MessageId);
        activity?.SetTag("portable.receive_count", message.ReceiveCount);
        return activity;
    }

    private static string? TraceParentOf(Activity? activity) =>
        activity is { IdFormat: ActivityIdFormat.W3C } ? activity.Id : null;
}
