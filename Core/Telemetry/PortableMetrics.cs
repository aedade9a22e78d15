using System.Diagnostics.Metrics;

namespace Portable.Core.Telemetry;

/// <summary>
/// The counters operators alarm on (seed 003: a failed sample, and above all a notification that was not delivered,
/// must never pass unseen), and how workflows end.
/// </summary>
public static class PortableMetrics
{
    private static readonly Counter<long> OrchestrationsEnded = PortableTelemetry.Meter.CreateCounter<long>(
        "portable.orchestrations.ended", "{instance}", "Workflow instances that ended, by workflow name and outcome.");

    private static readonly Counter<long> QualityFailures = PortableTelemetry.Meter.CreateCounter<long>(
        "portable.qc.failures", "{sample}", "Samples that failed quality control, by instrument.");

    private static readonly Counter<long> NotificationsUndelivered = PortableTelemetry.Meter.CreateCounter<long>(
        "portable.qc.notifications.undelivered", "{notification}", "Failed-sample notifications still undelivered after every attempt.");

    private static readonly Counter<long> QueueMessages = PortableTelemetry.Meter.CreateCounter<long>(
        "portable.queue.messages", "{message}", "Queue messages sent and received, by queue and direction.");

    /// <param name="workflow">The workflow's registered name.</param>
    /// <param name="outcome">Completed, Failed or Terminated.</param>
    public static void OrchestrationEnded(string workflow, string outcome) =>
        OrchestrationsEnded.Add(1, new("portable.workflow", workflow), new("portable.outcome", outcome));

    public static void QualityFailed(string instrumentId) =>
        QualityFailures.Add(1, new KeyValuePair<string, object?>("portable.instrument", instrumentId));

    public static void NotificationUndelivered() => NotificationsUndelivered.Add(1);

    public static void QueueMessagesMoved(string queue, string direction, int count) =>
        QueueMessages.Add(count, new("messaging.destination.name", queue), new("portable.direction", direction));
}
