using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Portable.Adapters.Durable.Sqlite;

/// <summary>
/// Connections to one SQLite file. SQLite has one writer: in this process all writes queue for one
/// dedicated connection behind an async lock (so concurrent workers never meet SQLITE_BUSY), in
/// <c>BEGIN IMMEDIATE</c> transactions; other processes on the same file wait on the busy timeout.
/// Writes that queued while another transaction ran are committed together (group commit): each runs
/// in a savepoint of one transaction, a failed one is rolled back to its savepoint alone, and every
/// caller is answered after the one commit, so a result still means committed. Reads use pooled
/// connections and, in WAL mode, do not block the writer. When a commit is on the disk is
/// <see cref="SqliteSynchronous"/>'s to say.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>Bounds how long the first write of a batch waits for the others' work before its commit.</summary>
    private const int MaxBatch = 64;

    private readonly string _connectionString;
    private readonly string _synchronous;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentQueue<PendingWrite> _pending = new();
    private SqliteConnection? _writer;
    private volatile bool _initialized;

    public SqliteDatabase(string connectionString, SqliteSynchronous synchronous = SqliteSynchronous.Normal)
    {
        _synchronous = synchronous switch
        {
            SqliteSynchronous.Normal => "NORMAL",
            SqliteSynchronous.Full => "FULL",
            _ => throw new ArgumentOutOfRangeException(nameof(synchronous), synchronous, "Normal or Full."),
        };
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        builder.DefaultTimeout = Math.Max(builder.DefaultTimeout, BusyTimeoutMilliseconds / 1000);
        _connectionString = builder.ToString();
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => EnsureInitializedAsync(cancellationToken);

    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        var write = new PendingWrite<T>(work);
        _pending.Enqueue(write);
        try
        {
            await _writeLock.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (write.TryCancel())
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Another caller's batch took it: its outcome, committed or not, is the answer.
            return await write.Task;
        }

        try
        {
            // The batch that took this write may have run while this caller waited for the lock; if not, this caller runs
            // batches until its write has been in one (a batch takes at most MaxBatch of the writes queued before it).
            while (!write.Task.IsCompleted)
            {
                RunBatch();
            }
        }
        finally
        {
            _writeLock.Release();
        }

        return await write.Task;
    }

    /// <summary>Runs the writes waiting, up to <see cref="MaxBatch"/>, in one transaction; holds the write lock.</summary>
    private void RunBatch()
    {
        var batch = new List<PendingWrite>();
        while (batch.Count < MaxBatch && _pending.TryDequeue(out var write))
        {
            if (write.TryTake())
            {
                batch.Add(write);
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        SqliteConnection? connection = null;
        try
        {
            // Inside the try: a writer that cannot be opened must answer every write it took, not leave them waiting.
            connection = _writer ??= Open();
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                if (Apply(batch, connection, transaction))
                {
                    transaction.Commit();
                }
            }

            foreach (var write in batch)
            {
                write.Complete();
            }
        }
        catch (Exception exception)
        {
            foreach (var write in batch)
            {
                write.Abort(exception);
            }

            if (connection is not null && connection.State != System.Data.ConnectionState.Open)
            {
                // A broken connection is replaced on the next write.
                connection.Dispose();
                _writer = null;
            }
        }
    }

    /// <summary>
    /// Runs each write in its own savepoint, so that one that fails leaves nothing behind and the others commit. A lone
    /// write needs none: false when it failed, and the transaction is then rolled back instead of committed.
    /// </summary>
    private static bool Apply(List<PendingWrite> batch, SqliteConnection connection, SqliteTransaction transaction)
    {
        if (batch.Count == 1)
        {
            batch[0].Run(connection, transaction);
            return !batch[0].Failed;
        }

        foreach (var write in batch)
        {
            transaction.Save("write");
            write.Run(connection, transaction);
            if (write.Failed)
            {
                transaction.Rollback("write");
            }

            transaction.Release("write");
        }

        return true;
    }

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await EnsureInitializedAsync(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = Open();
        return work(connection);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeLock.Dispose();
    }

    private async Task EnsureInitializedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            if (!_initialized)
            {
                var connection = _writer ??= Open();
                using (var wal = connection.Command(null, "PRAGMA journal_mode = WAL;"))
                {
                    wal.ExecuteNonQuery();
                }

                using (var schema = connection.Command(null, SqliteDurableSchema.Create))
                {
                    schema.ExecuteNonQuery();
                }

                _initialized = true;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragmas = connection.Command(
            null, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = {_synchronous};");
        pragmas.ExecuteNonQuery();
        return connection;
    }
}
