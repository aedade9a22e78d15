using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;

namespace Portable.Adapters.Sqlite.Messaging;

/// <summary>
/// The embedded ("InProcess") queues: every queue, and its dead-letter queue <c>&lt;name&gt;-dlq</c>, lives in one
/// table of the host's SQLite file, so a message sent survives a crash of the process.
/// </summary>
public sealed class SqliteQueueProvider : IQueueProvider
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS queue_messages (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            queue TEXT NOT NULL,
            message_id TEXT NOT NULL,
            body TEXT NOT NULL,
            dedup_id TEXT,
            group_id TEXT,
            trace_parent TEXT,
            sent_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            receive_count INTEGER NOT NULL DEFAULT 0,
            receipt_handle TEXT);
        CREATE INDEX IF NOT EXISTS IX_queue_messages_visible ON queue_messages (queue, visible_at);
        CREATE INDEX IF NOT EXISTS IX_queue_messages_group ON queue_messages (queue, group_id, seq);
        CREATE TABLE IF NOT EXISTS queue_deduplication (
            queue TEXT NOT NULL,
            dedup_id TEXT NOT NULL,
            expires_at INTEGER NOT NULL,
            PRIMARY KEY (queue, dedup_id)) WITHOUT ROWID;
        """;

    private readonly SqliteDatabase _database;
    private readonly SqliteQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, SqliteMessageQueue> _queues = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public SqliteQueueProvider(SqliteDatabase database, SqliteQueueOptions options, TimeProvider timeProvider, ILogger<SqliteQueueProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxReceiveCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PollInterval, TimeSpan.Zero);
        _database = database;
        _options = options;
        _time = timeProvider;
        _logger = logger;
        using var connection = database.Open();
        SqliteDatabase.Execute(connection, Schema);

        // A file made before messages carried a trace context gets the column; its messages keep NULL.
        SqliteDatabase.AddColumnIfMissing(connection, "queue_messages", "trace_parent", "TEXT");
    }

    public IMessageQueue GetQueue(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_lock)
        {
            return Get(name, () => new SqliteMessageQueue(_database, name, QueueNames.IsFifo(name), DeadLetter(name), _options, _time, _logger));
        }
    }

    public IMessageQueue GetDeadLetterQueue(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_lock)
        {
            return DeadLetter(name);
        }
    }

    // One instance per queue, so that a send wakes every receiver of that queue in this process.
    private SqliteMessageQueue DeadLetter(string name)
    {
        var deadLetter = QueueNames.DeadLetter(name);
        return Get(deadLetter, () => new SqliteMessageQueue(_database, deadLetter, QueueNames.IsFifo(name), null, _options, _time, _logger));
    }

    private SqliteMessageQueue Get(string name, Func<SqliteMessageQueue> create)
    {
        if (!_queues.TryGetValue(name, out var queue))
        {
            queue = create();
            _queues.Add(name, queue);
        }

        return queue;
    }
}
