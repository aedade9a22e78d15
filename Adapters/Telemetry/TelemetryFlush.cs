using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Portable.Adapters.Telemetry;

/// <summary>
/// Exports the spans still buffered, within a bound. A host whose process is frozen between invocations (Lambda) calls
/// it before it answers each one: spans left in the batch would otherwise wait for a thaw that may never come.
/// Registered only when telemetry is on, so a host without it builds nothing for this.
/// </summary>
/// <param name="exports">The OTLP exports' progress, when spans go over OTLP.</param>
public sealed class TelemetryFlush(TracerProvider tracing, TelemetryOptions options, TraceExportProgress? exports = null)
{
    /// <summary>Waits at most the configured <see cref="TelemetryOptions.FlushTimeout"/>, and never past <paramref name="limit"/>.</summary>
    /// <returns>False when the export did not finish in time (the spans stay buffered for the next export).</returns>
    public bool ForceFlush(TimeSpan limit)
    {
        var bound = limit < options.FlushTimeout ? limit : options.FlushTimeout;
        if (bound <= TimeSpan.Zero)
        {
            return false;
        }

        var started = Stopwatch.GetTimestamp();
        if (!tracing.ForceFlush((int)Math.Ceiling(bound.TotalMilliseconds)))
        {
            return false;
        }

        // The SDK's flush is done once an export has taken the spans; done here means the collector has answered it.
        return exports is null || exports.WaitForBegunExports(bound - Stopwatch.GetElapsedTime(started));
    }
}
