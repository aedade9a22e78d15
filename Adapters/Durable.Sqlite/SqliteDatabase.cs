using Microsoft.Data.Sqlite;

namespace Portable.Adapters.Durable.Sqlite;

/// <summary>
/// Connections to one SQLite file. SQLite has one writer: in this process all writes queue on one
/// dedicated connection behind an async lock (so concurrent workers never meet SQLITE_BUSY), and
/// each write is a <c>BEGIN IMMEDIATE</c> transaction; other processes on the same file wait on the
/// busy timeout. Reads use pooled connections and, in WAL mode, do not block the writer. When a commit is on the disk is
/// <see cref="SqliteSynchronous"/>'s to say.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const int BusyTimeoutMilliseconds = 10_000;

    private readonly string _connectionString;
    private readonly string _synchronous;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
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
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = _writer ??= Open();
            try
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var result = work(connection, transaction);
                transaction.Commit();
                return result;
            }
            catch when (connection.State != System.Data.ConnectionState.Open)
            {
                // A broken connection is replaced on the next write.
                connection.Dispose();
                _writer = null;
                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
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
