using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Portable.Bench.Durable;

/// <summary>
/// What the durable runtime sends to MySQL, seen from the client: every command MySqlConnector executes is one round
/// trip, and a command that commits (an explicit COMMIT, or a write in autocommit) is one write transaction. Commands
/// the bench itself issues while it waits for results (<see cref="Waiting"/>) are left out: they are the load's, not
/// the workflow's.
/// </summary>
internal sealed partial class MySqlTraffic : IDisposable
{
    private static readonly ActivitySource Bench = new("Portable.Bench.Durable");
    private static readonly string[] AutocommitWrites = ["INSERT", "UPDATE", "DELETE"];

    private readonly ActivityListener _listener;
    private long _roundTrips;
    private long _writeTransactions;

    public MySqlTraffic()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MySqlConnector" || source == Bench,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Count,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    public long WriteTransactions => Interlocked.Read(ref _writeTransactions);

    /// <summary>Marks the calls made until it is disposed as the bench's own.</summary>
    public static Activity? Waiting() => Bench.StartActivity("wait");

    private void Count(Activity activity)
    {
        if (activity.Source == Bench || activity.OperationName != "Execute" || ByTheBench(activity))
        {
            return;
        }

        Interlocked.Increment(ref _roundTrips);
        var statement = activity.GetTagItem("db.statement") as string ?? "";
        var commits = Commit().Count(statement);
        if (commits == 0 && !statement.Contains("START TRANSACTION", StringComparison.Ordinal)
            && AutocommitWrites.Any(write => statement.StartsWith(write, StringComparison.OrdinalIgnoreCase)))
        {
            commits = 1;
        }

        Interlocked.Add(ref _writeTransactions, commits);
    }

    private static bool ByTheBench(Activity activity)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Source == Bench)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A COMMIT statement, not the isolation level READ COMMITTED.</summary>
    [GeneratedRegex(@"\bCOMMIT\s*(;|$)")]
    private static partial Regex Commit();

    public void Dispose() => _listener.Dispose();
}
