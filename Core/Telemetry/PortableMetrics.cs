using System.Diagnostics.Metrics;

namespace Portable.Core.Telemetry;

/// <summary>
/// The counters operators alarm on (seed 003: a failed sample, and above all a notification that was not delivered,
/// must never pass unseen), how workflows end, and how error-log ingest batches its writes.
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

    private static readonly Histogram<int> FlushRows = PortableTelemetry.Meter.CreateHistogram<int>(
        "portable.errorlogs.flush.rows", "{row}", "Error logs per coalesced transaction.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 4000] });

    private static readonly Histogram<int> FlushRequests = PortableTelemetry.Meter.CreateHistogram<int>(
        "portable.errorlogs.flush.requests", "{request}", "Appends acknowledged by one coalesced transaction.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });

    private static readonly Histogram<double> FlushDuration = PortableTelemetry.Meter.CreateHistogram<double>(
        "portable.errorlogs.flush.duration", "s", "Time from sending a coalesced transaction to its commit.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5] });

    /// <param name="workflow">The workflow's registered name.</param>
    /// <param name="outcome">Completed, Failed or Terminated.</param>
    public static void OrchestrationEnded(string workflow, string outcome) =>
        OrchestrationsEnded.Add(1, new("portable.workflow", workflow), new("portable.outcome", outcome));

    /// <summary>A committed flush of the coalescing error-log store: how well ingest batches, and what a commit takes.</summary>
    public static void ErrorLogsFlushed(int requests, int rows, TimeSpan duration)
    {
        FlushRequests.Record(requests);
        FlushRows.Record(rows);
        FlushDuration.Record(duration.TotalSeconds);
    }

    public static void QualityFailed(string instrumentId) =>
        QualityFailures.Add(1, new KeyValuePair<string, object?>("portable.instrument", instrumentId));

    public static void NotificationUndelivered() => NotificationsUndelivered.Add(1);

    public static void QueueMessagesMoved(string queue, string direction, int count) =>
        QueueMessages.Add(count, new("messaging.destination.name", queue), new("portable.direction", direction));
}
