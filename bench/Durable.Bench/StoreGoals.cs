namespace Portable.Bench.Durable;

/// <summary>
/// The goals for one store, as rates set on the quiet 2-core machine (2026-12-05), whose raw commit rate is
/// kept beside them: a run is held to the same ratio against the raw rate it measures itself, so that a loaded
/// machine neither fails a good build nor passes a bad one. Counts per workflow are held as they are.
/// </summary>
internal sealed record StoreGoals(int RawConnections, double QuietRaw, double? HelloSequence5, double? FanOut, double? WritesPerHello, double? RoundTripsPerHello)
{
    /// <summary>SQLite (synchronous=NORMAL): 500 orchestrations/s and 5,000 activities/s at a raw 46,509 commits/s (one writer).</summary>
    public static StoreGoals Sqlite { get; } = new(1, 46_509, 500, 5_000, WritesPerHello: null, RoundTripsPerHello: null);

    /// <summary>SQLite with every commit flushed (synchronous=FULL): measured beside NORMAL, for information.</summary>
    public static StoreGoals SqliteFull { get; } = new(1, 46_509, null, null, WritesPerHello: null, RoundTripsPerHello: null);

    /// <summary>
    /// MySQL: 250 orchestrations/s in at most 7 write transactions and 8 round trips, 1,500 activities/s, at a raw
    /// 10,831 commits/s on 8 connections. The runtime commits on many connections at once, and so shares the log's
    /// flushes as the 8-connection baseline does; one connection's rate is one flush after another, and on a loaded
    /// disk it fell to 191/s while 8 connections still made 4,001.
    /// </summary>
    public static StoreGoals MySql { get; } = new(8, 10_831, 250, 1_500, WritesPerHello: 7, RoundTripsPerHello: 8);
}
