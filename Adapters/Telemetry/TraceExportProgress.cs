using System.Diagnostics;

namespace Portable.Adapters.Telemetry;

/// <summary>
/// How many span exports have begun and how many have ended. The SDK's flush counts spans as flushed once an export has
/// taken them off the batch's queue, which it does while it writes the request, before the collector has answered;
/// a host that must know its spans are out (Lambda, frozen after its answer) waits here for the rest.
/// </summary>
public sealed class TraceExportProgress
{
    private readonly object _gate = new();
    private long _begun;
    private long _ended;

    /// <summary>Waits, at most <paramref name="timeout"/>, until every export begun so far has ended.</summary>
    /// <returns>False when one is still under way at the timeout.</returns>
    /// <remarks>Exact because the batch processor exports from its one worker thread, a batch at a time.</remarks>
    public bool WaitForBegunExports(TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            var begun = _begun;
            while (_ended < begun)
            {
                var left = timeout - Stopwatch.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(_gate, left);
            }

            return true;
        }
    }

    internal void Begin()
    {
        lock (_gate)
        {
            _begun++;
        }
    }

    internal void End()
    {
        lock (_gate)
        {
            _ended++;
            Monitor.PulseAll(_gate);
        }
    }
}
