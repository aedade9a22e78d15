using Microsoft.Data.Sqlite;
using Portable.Adapters.Durable.Sqlite;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Sqlite;

/// <summary>
/// The SQLite store's one writer commits the writes that queued behind a running transaction together, each in a
/// savepoint of its own: one that fails takes back only its own rows, and every caller gets its own answer.
/// </summary>
public sealed class SqliteGroupCommitTests
{
    [Test, CancelAfter(60_000)]
    public async Task Writes_queued_behind_a_running_one_commit_together_and_each_caller_gets_its_own_outcome(CancellationToken cancellationToken)
    {
        using var file = new SqliteTestDatabase();
        using var database = await OpenAsync(file, cancellationToken);
        using var release = new ManualResetEventSlim();
        var held = await HoldWriterAsync(database, release, cancellationToken);
        var transactions = new List<SqliteTransaction>();

        var first = database.WriteAsync((connection, transaction) => Insert(connection, transaction, 1, transactions), cancellationToken);
        var failing = database.WriteAsync<int>(
            (connection, transaction) =>
            {
                Insert(connection, transaction, 2, transactions);
                throw new InvalidOperationException("refused after its insert");
            },
            cancellationToken);
        var duplicate = database.WriteAsync((connection, transaction) => Insert(connection, transaction, 1, transactions), cancellationToken);
        var third = database.WriteAsync((connection, transaction) => Insert(connection, transaction, 3, transactions), cancellationToken);
        release.Set();
        await held;

        Assert.That(await first, Is.EqualTo(1));
        Assert.That(async () => await failing, Throws.InvalidOperationException.With.Message.EqualTo("refused after its insert"));
        Assert.That(async () => await duplicate, Throws.InstanceOf<SqliteException>());
        Assert.That(await third, Is.EqualTo(3));
        Assert.That(await RowsAsync(database, cancellationToken), Is.EqualTo(new[] { 1, 3 }));
        Assert.That(transactions.Distinct().Count(), Is.EqualTo(1), "the four queued writes ran in one transaction");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_write_whose_caller_gives_up_while_it_waits_is_never_run(CancellationToken cancellationToken)
    {
        using var file = new SqliteTestDatabase();
        using var database = await OpenAsync(file, cancellationToken);
        using var release = new ManualResetEventSlim();
        var held = await HoldWriterAsync(database, release, cancellationToken);
        using var givingUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var abandoned = database.WriteAsync((connection, transaction) => Insert(connection, transaction, 7, []), givingUp.Token);
        await givingUp.CancelAsync();
        Assert.That(async () => await abandoned, Throws.InstanceOf<OperationCanceledException>());
        release.Set();
        await held;
        await database.WriteAsync((connection, transaction) => Insert(connection, transaction, 8, []), cancellationToken);

        Assert.That(await RowsAsync(database, cancellationToken), Is.EqualTo(new[] { 8 }));
    }

    [Test, CancelAfter(60_000)]
    public async Task A_lone_write_that_fails_leaves_nothing_behind(CancellationToken cancellationToken)
    {
        using var file = new SqliteTestDatabase();
        using var database = await OpenAsync(file, cancellationToken);

        var failing = database.WriteAsync<int>(
            (connection, transaction) =>
            {
                Insert(connection, transaction, 5, []);
                throw new InvalidOperationException("refused after its insert");
            },
            cancellationToken);

        Assert.That(async () => await failing, Throws.InvalidOperationException);
        Assert.That(await RowsAsync(database, cancellationToken), Is.Empty);
    }

    private static async Task<SqliteDatabase> OpenAsync(SqliteTestDatabase file, CancellationToken cancellationToken)
    {
        var database = new SqliteDatabase($"Data Source={file.Path}");
        await database.WriteAsync(
            (connection, transaction) =>
            {
                using var create = connection.CreateCommand();
                create.Transaction = transaction;
                create.CommandText = "CREATE TABLE group_commit (x INTEGER NOT NULL UNIQUE);";
                return create.ExecuteNonQuery();
            },
            cancellationToken);
        return database;
    }

    /// <summary>Starts a write that holds the writer until <paramref name="release"/> is set; returns it once it runs.</summary>
    private static async Task<Task<int>> HoldWriterAsync(SqliteDatabase database, ManualResetEventSlim release, CancellationToken cancellationToken)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = Task.Run(
            () => database.WriteAsync(
                (_, _) =>
                {
                    running.TrySetResult();
                    release.Wait(cancellationToken);
                    return 0;
                },
                cancellationToken),
            cancellationToken);
        await running.Task.WaitAsync(cancellationToken);
        return held;
    }

    private static int Insert(SqliteConnection connection, SqliteTransaction transaction, int x, List<SqliteTransaction> seen)
    {
        lock (seen)
        {
            seen.Add(transaction);
        }

        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO group_commit (x) VALUES ($x);";
        insert.Parameters.AddWithValue("$x", x);
        insert.ExecuteNonQuery();
        return x;
    }

    private static Task<int[]> RowsAsync(SqliteDatabase database, CancellationToken cancellationToken) =>
        database.ReadAsync(
            connection =>
            {
                using var select = connection.CreateCommand();
                select.CommandText = "SELECT x FROM group_commit ORDER BY x;";
                using var reader = select.ExecuteReader();
                var rows = new List<int>();
                while (reader.Read())
                {
                    rows.Add(reader.GetInt32(0));
                }

                return rows.ToArray();
            },
            cancellationToken);
}
