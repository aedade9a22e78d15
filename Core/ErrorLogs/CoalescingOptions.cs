using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Core.ErrorLogs;

/// <summary>How <see cref="CoalescingErrorLogStore"/> groups appends.</summary>
public sealed record CoalescingOptions
{
    /// <summary>A flush takes waiting requests until it holds this many rows (a single larger request is flushed alone).</summary>
    public int MaxRowsPerFlush { get; init; } = 4000;

    /// <summary>
    /// Flushes that may run at once. Beyond the first, a flush starts only while <see cref="OverlapRows"/> rows wait
    /// behind a running one, so more writers add no small transactions.
    /// </summary>
    public int Writers { get; init; } = 4;

    /// <summary>
    /// Rows that must wait behind a running flush before another flush starts beside it. Fewer wait for the next
    /// flush: a transaction has a fixed cost on the host and on the database of about what a few dozen rows cost, so
    /// small overlapping flushes are what limit ingest when the CPU is the bottleneck (64 HTTP clients
    /// on the 2-core bench machine ran 6-15% slower when every flush could overlap, 12 rows a flush, than through one
    /// writer, 23 rows a flush). 128 rows pay that fixed cost less than a tenth over; a backlog of several large requests, or a flood
    /// of small ones, still spreads over <see cref="Writers"/> connections.
    /// </summary>
    public int OverlapRows { get; init; } = 128;

    /// <summary>Requests that may wait for a flush; further callers wait for room, which pushes back on a slow store.</summary>
    public int MaxQueuedRequests { get; init; } = 10_000;

    /// <summary>Reads <c>ErrorLogs:Coalescing:MaxRowsPerFlush</c>, <c>:Writers</c>, <c>:OverlapRows</c> and <c>:MaxQueuedRequests</c>; absent keys keep their defaults.</summary>
    public static CoalescingOptions FromConfiguration(IConfiguration configuration)
    {
        var defaults = new CoalescingOptions();
        return new CoalescingOptions
        {
            MaxRowsPerFlush = Read(configuration, "MaxRowsPerFlush", defaults.MaxRowsPerFlush),
            Writers = Read(configuration, "Writers", defaults.Writers),
            OverlapRows = Read(configuration, "OverlapRows", defaults.OverlapRows),
            MaxQueuedRequests = Read(configuration, "MaxQueuedRequests", defaults.MaxQueuedRequests),
        };
    }

    internal void Validate()
    {
        if (MaxRowsPerFlush < 1 || Writers < 1 || OverlapRows < 1 || MaxQueuedRequests < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CoalescingOptions), this, "Every coalescing limit must be at least 1.");
        }
    }

    private static int Read(IConfiguration configuration, string name, int fallback)
    {
        var key = "ErrorLogs:Coalescing:" + name;
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : throw new InvalidOperationException($"{key} must be a positive integer; it is '{text}'.");
    }
}
