using Portable.Core.Settings;

namespace Portable.Core.ErrorLogs;

/// <summary>How <see cref="CoalescingErrorLogStore"/> groups appends (<c>ErrorLogs:Coalescing:*</c>).</summary>
public sealed record CoalescingOptions : IValidatedOptions
{
    public const string Section = "ErrorLogs:Coalescing";

    /// <summary>A flush takes waiting requests until it holds this many rows (a single larger request is flushed alone).</summary>
    public int MaxRowsPerFlush { get; set; } = 4000;

    /// <summary>
    /// Flushes that may run at once. Beyond the first, a flush starts only while <see cref="OverlapRows"/> rows wait
    /// behind a running one, so more writers add no small transactions.
    /// </summary>
    public int Writers { get; set; } = 4;

    /// <summary>
    /// Rows that must wait behind a running flush before another flush starts beside it. Fewer wait for the next
    /// flush: a transaction has a fixed cost on the host and on the database of about what a few dozen rows cost, so
    /// small overlapping flushes are what limit ingest when the CPU is the bottleneck (64 HTTP clients
    /// on the 2-core bench machine ran 6-15% slower when every flush could overlap, 12 rows a flush, than through one
    /// writer, 23 rows a flush). 128 rows pay that fixed cost less than a tenth over; a backlog of several large requests, or a flood
    /// of small ones, still spreads over <see cref="Writers"/> connections.
    /// </summary>
    public int OverlapRows { get; set; } = 128;

    /// <summary>Requests that may wait for a flush; further callers wait for room, which pushes back on a slow store.</summary>
    public int MaxQueuedRequests { get; set; } = 10_000;

    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[] { (nameof(MaxRowsPerFlush), MaxRowsPerFlush), (nameof(Writers), Writers), (nameof(OverlapRows), OverlapRows), (nameof(MaxQueuedRequests), MaxQueuedRequests) })
        {
            if (value < 1)
            {
                yield return $"{Section}:{name} must be at least 1.";
            }
        }
    }
}
