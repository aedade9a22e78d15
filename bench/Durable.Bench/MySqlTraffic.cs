using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Portable.Bench.Durable;

/// <summary>
/// What the durable runtime sends to MySQL, seen from the client: every command MySqlConnector executes is one round
/// trip, and a command that commits (an explicit COMMIT, or a write in autocommit) is one write transaction. Commands
/// the bench itself issues while it waits for results (<see cref="Waiting"/>) are left out: they are the load's, not
/// the workflow's. Commands are sorted by kind (<see cref="Kinds"/>) only when asked (<c>--profile</c>): that text
/// work would otherwise take CPU from the runtime it measures.
/// A command that failed (a deadlock, a refused guard) is a round trip but commits nothing. MySqlConnector marks such a
/// command failed only when the error ends its first result; when it ends a later one, the runtime's ROLLBACK that
/// follows on the same connection tells, and the commits counted for the command before it are taken back.
/// </summary>
internal sealed partial class MySqlTraffic : IDisposable
{
    /// <summary>Set while the bench waits for results; read where MySqlConnector ends a command, in the caller's flow.</summary>
    private static readonly AsyncLocal<bool> ByTheBench = new();
    private static readonly string[] AutocommitWrites = ["INSERT", "UPDATE", "DELETE"];

    private readonly ActivityListener _listener;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _kinds = new(StringComparer.Ordinal);
    /// <summary>The commits counted for the last command of each connection, by the server's connection id.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, long> _lastCommits = new();
    private long _roundTrips;
    private long _writeTransactions;

    private readonly bool _byKind;

    public MySqlTraffic(bool byKind)
    {
        _byKind = byKind;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "MySqlConnector",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Count,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>Round trips so far by the kind of command: its first statement after the transaction's start, and whether it failed.</summary>
    public IReadOnlyDictionary<string, long> Kinds() => new Dictionary<string, long>(_kinds, StringComparer.Ordinal);

    /// <summary>The round trips since <paramref name="before"/>, most first.</summary>
    public string KindsSince(IReadOnlyDictionary<string, long> before) => string.Join(
        Environment.NewLine,
        _kinds.Select(pair => (pair.Key, Count: pair.Value - before.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Count > 0)
            .OrderByDescending(pair => pair.Count)
            .Select(pair => $"    {pair.Count,8:N0}  {pair.Key}"));

    private static string Kind(string statement, bool failed)
    {
        var text = statement.Replace("SET TRANSACTION ISOLATION LEVEL READ COMMITTED; START TRANSACTION;", "", StringComparison.Ordinal).TrimStart();
        var kind = Number().Replace(text.ReplaceLineEndings(" "), "#");
        return (failed ? "FAILED " : "") + (kind.Length > 60 ? kind[..60] : kind);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();

    public long WriteTransactions => Interlocked.Read(ref _writeTransactions);

    /// <summary>Marks the calls made from the caller's flow, until it is disposed, as the bench's own.</summary>
    public static IDisposable Waiting()
    {
        ByTheBench.Value = true;
        return new Bench();
    }

    private void Count(Activity activity)
    {
        if (activity.OperationName != "Execute" || ByTheBench.Value)
        {
            return;
        }

        Interlocked.Increment(ref _roundTrips);
        var statement = activity.GetTagItem("db.statement") as string ?? "";
        if (_byKind)
        {
            _kinds.AddOrUpdate(Kind(statement, activity.Status == ActivityStatusCode.Error), 1, (_, count) => count + 1);
        }

        var connection = activity.GetTagItem("db.connection_id") ?? "";
        if (activity.Status == ActivityStatusCode.Error)
        {
            _lastCommits[connection] = 0;
            return;
        }

        if (statement.StartsWith("ROLLBACK", StringComparison.Ordinal))
        {
            // Nothing rolls back a transaction it committed: the command before did not reach its COMMIT.
            Interlocked.Add(ref _writeTransactions, -(_lastCommits.TryRemove(connection, out var taken) ? taken : 0));
            return;
        }

        var commits = Commit().Count(statement);
        if (commits == 0 && !statement.Contains("START TRANSACTION", StringComparison.Ordinal)
            && AutocommitWrites.Any(write => statement.StartsWith(write, StringComparison.OrdinalIgnoreCase)))
        {
            commits = 1;
        }

        _lastCommits[connection] = commits;
        Interlocked.Add(ref _writeTransactions, commits);
    }

    /// <summary>A COMMIT statement, not the isolation level READ COMMITTED.</summary>
    [GeneratedRegex(@"\bCOMMIT\s*(;|$)")]
    private static partial Regex Commit();

    public void Dispose() => _listener.Dispose();

    private sealed class Bench : IDisposable
    {
        public void Dispose() => ByTheBench.Value = false;
    }
}
