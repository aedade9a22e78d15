using Microsoft.Data.Sqlite;

namespace Portable.Adapters.Sqlite;

/// <summary>
/// One SQLite file shared by the embedded stores: WAL so readers never wait for the writer,
/// <c>synchronous=NORMAL</c> (a committed transaction survives a process crash), and a busy
/// timeout so concurrent writers queue instead of failing.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        Configure(connection);
        return connection;
    }

    /// <summary>Opens synchronously, for schema creation when a store is constructed.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Configure(connection);
        return connection;
    }

    /// <summary>Starts a write transaction that takes the write lock at once, so it never fails half-way on a busy upgrade.</summary>
    public static SqliteTransaction BeginWrite(SqliteConnection connection) => connection.BeginTransaction(deferred: false);

    private static void Configure(SqliteConnection connection) =>
        Execute(connection, "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;");

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Adds a nullable column to a table of a file made before the column existed; its rows keep NULL. Checked and
    /// altered in one write transaction, so two processes opening the file at once add it once.
    /// </summary>
    public static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string type)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var transaction = BeginWrite(connection);
        using var probe = connection.CreateCommand();
        probe.Transaction = transaction;
        probe.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column;";
        probe.Parameters.AddWithValue("$table", table);
        probe.Parameters.AddWithValue("$column", column);
        if ((long)probe.ExecuteScalar()! == 0)
        {
            Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {type} NULL;", transaction);
        }

        transaction.Commit();
    }
}
