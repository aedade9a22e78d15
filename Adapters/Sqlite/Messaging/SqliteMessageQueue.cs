using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Portable.Core.Messaging;

namespace Portable.Adapters.Sqlite.Messaging;

/// <summary>
/// One queue of the embedded host, durable in the SQLite file: a send returns after its commit. Receives claim rows
/// under the write lock with a fresh receipt handle (<c>seq.token</c>), so a stale receipt matches no row and does
/// nothing. Times are Unix milliseconds from the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class SqliteMessageQueue : IMessageQueue
{
    private const int MaxBatch = 10;

    private const string ClaimSet = """
        UPDATE queue_messages
        SET receive_count = receive_count + 1, visible_at = $until, receipt_handle = seq || '.' || $token
        """;

    private const string ClaimReturning = "RETURNING seq, message_id, body, receipt_handle, receive_count, dedup_id, group_id, trace_parent;";

    private const string ClaimStandardSql = $"""
        {ClaimSet}
        WHERE seq IN (SELECT seq FROM queue_messages WHERE queue = $queue AND visible_at <= $now ORDER BY visible_at, seq LIMIT $max)
        {ClaimReturning}
        """;

    // Only the oldest message of a group can be claimed, and only while it is visible: a group with a message in
    // flight or waiting out a retry delay delivers nothing, so it is handled one message at a time, in order.
    private const string ClaimFifoSql = $"""
        {ClaimSet}
        WHERE seq IN (
            SELECT m.seq FROM queue_messages m
            WHERE m.queue = $queue AND m.visible_at <= $now
              AND NOT EXISTS (SELECT 1 FROM queue_messages e WHERE e.queue = m.queue AND e.group_id = m.group_id AND e.seq < m.seq)
            ORDER BY m.seq LIMIT $max)
        {ClaimReturning}
        """;

    private static readonly TimeSpan DeduplicationWindow = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromHours(12);

    private readonly SqliteDatabase _database;
    private readonly bool _fifo;
    private readonly SqliteMessageQueue? _deadLetter;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly QueueSignal _signal = new();

    internal SqliteMessageQueue(
        SqliteDatabase database,
        string name,
        bool fifo,
        SqliteMessageQueue? deadLetter,
        SqliteQueueOptions options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _database = database;
        Name = name;
        _fifo = fifo;
        _deadLetter = deadLetter;
        MaxReceiveCount = deadLetter is null ? null : options.MaxReceiveCount;
        _pollInterval = options.PollInterval;
        _time = timeProvider;
        _logger = logger;
    }

    public string Name { get; }

    public int? MaxReceiveCount { get; }

    public async Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            Validate(message);
        }

        if (messages.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        var now = _time.GetUtcNow();
        await using var insert = Command(connection, transaction, """
            INSERT INTO queue_messages (queue, message_id, body, dedup_id, group_id, trace_parent, sent_at, visible_at)
            VALUES ($queue, $id, $body, $dedup, $group, $trace, $now, $visible);
            """);
        insert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        var dedup = insert.Parameters.Add("$dedup", SqliteType.Text);
        var group = insert.Parameters.Add("$group", SqliteType.Text);
        var trace = insert.Parameters.Add("$trace", SqliteType.Text);
        var visible = insert.Parameters.Add("$visible", SqliteType.Integer);

        await using var firstSeen = _fifo ? await DeduplicationCommandAsync(connection, transaction, now, cancellationToken) : null;
        foreach (var message in messages)
        {
            var deduplicationId = _fifo ? message.FifoDeduplicationId() : message.DeduplicationId;
            if (firstSeen is not null)
            {
                firstSeen.Parameters["$dedup"].Value = deduplicationId;
                if (await firstSeen.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    // Seen within the window: accepted and not delivered again, as on SQS FIFO.
                    continue;
                }
            }

            id.Value = Guid.NewGuid().ToString();
            body.Value = message.Body;
            dedup.Value = (object?)deduplicationId ?? DBNull.Value;
            group.Value = _fifo ? message.FifoGroupId() : DBNull.Value;
            trace.Value = (object?)message.TraceParent ?? DBNull.Value;
            visible.Value = (now + (message.Delay ?? TimeSpan.Zero)).ToUnixTimeMilliseconds();
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        _signal.Pulse();
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan wait, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxBatch);
        ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        ValidateVisibility(visibilityTimeout);

        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            // Taken before looking, so that a send between the look and the wait still wakes this receiver.
            var signal = _signal.Next;
            var messages = await ClaimAsync(maxMessages, visibilityTimeout, cancellationToken);
            var remaining = deadline - _time.GetUtcNow();
            if (messages.Count > 0 || remaining <= TimeSpan.Zero)
            {
                return messages;
            }

            await WaitAsync(signal, remaining < _pollInterval ? remaining : _pollInterval, cancellationToken);
        }
    }

    public async Task ExtendVisibilityAsync(ReceivedMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ValidateVisibility(visibilityTimeout);
        await UpdateReceiptAsync(message, "UPDATE queue_messages SET visible_at = $visible", visibilityTimeout, cancellationToken);
    }

    public async Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ValidateVisibility(delay);

        // Clearing the receipt makes it stale at once: the released receive can no longer delete or extend.
        if (await UpdateReceiptAsync(message, "UPDATE queue_messages SET visible_at = $visible, receipt_handle = NULL", delay, cancellationToken))
        {
            _signal.Pulse();
        }
    }

    public async Task DeleteAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        await using var delete = Command(connection, transaction, "DELETE FROM queue_messages WHERE seq = $seq AND queue = $queue AND receipt_handle = $receipt;");
        var seq = delete.Parameters.Add("$seq", SqliteType.Integer);
        var receipt = delete.Parameters.Add("$receipt", SqliteType.Text);
        foreach (var message in messages)
        {
            if (TryParseReceipt(message.ReceiptHandle, out var row))
            {
                seq.Value = row;
                receipt.Value = message.ReceiptHandle;
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        if (_fifo)
        {
            // The next message of each deleted message's group may be deliverable now.
            _signal.Pulse();
        }
    }

    internal void Pulse() => _signal.Pulse();

    private void Validate(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Delay is not { } delay)
        {
            return;
        }

        if (_fifo)
        {
            throw new ArgumentException($"Queue {Name} is FIFO and takes no per-message delay (as on SQS).", nameof(message));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, QueueMessage.MaxDelay);
    }

    private static void ValidateVisibility(TimeSpan visibilityTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeout, MaxVisibilityTimeout);
    }

    /// <summary>Forgets expired de-duplication ids, then returns a command that records one and says whether it was new.</summary>
    private async Task<SqliteCommand> DeduplicationCommandAsync(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var prune = Command(connection, transaction, "DELETE FROM queue_deduplication WHERE queue = $queue AND expires_at <= $now;"))
        {
            prune.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        var record = Command(connection, transaction, """
            INSERT INTO queue_deduplication (queue, dedup_id, expires_at) VALUES ($queue, $dedup, $expires)
            ON CONFLICT DO NOTHING;
            """);
        record.Parameters.AddWithValue("$expires", (now + DeduplicationWindow).ToUnixTimeMilliseconds());
        record.Parameters.Add("$dedup", SqliteType.Text);
        return record;
    }

    private async Task<IReadOnlyList<ReceivedMessage>> ClaimAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);

        // A read first, so that idle receivers do not queue for the write lock that every embedded store shares.
        if (!await AnyVisibleAsync(connection, _time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
        {
            return [];
        }

        await using var transaction = SqliteDatabase.BeginWrite(connection);
        var now = _time.GetUtcNow();
        var deadLettered = _deadLetter is null ? [] : await MoveExhaustedAsync(connection, transaction, now, _deadLetter.Name, cancellationToken);

        await using var claim = Command(connection, transaction, _fifo ? ClaimFifoSql : ClaimStandardSql);
        claim.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        claim.Parameters.AddWithValue("$until", (now + visibilityTimeout).ToUnixTimeMilliseconds());
        claim.Parameters.AddWithValue("$token", Guid.NewGuid().ToString("N"));
        claim.Parameters.AddWithValue("$max", maxMessages);
        var claimed = new List<(long Seq, ReceivedMessage Message)>(maxMessages);
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add((reader.GetInt64(0), new ReceivedMessage(
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7))));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var (messageId, deduplicationId) in deadLettered)
        {
            LogDeadLettered(_logger, Name, messageId, deduplicationId, _deadLetter!.Name);
        }

        if (deadLettered.Count > 0)
        {
            _deadLetter!.Pulse();
        }

        // RETURNING gives no order; FIFO consumers need the send order.
        claimed.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        return claimed.ConvertAll(row => row.Message);
    }

    private async Task<bool> AnyVisibleAsync(SqliteConnection connection, long now, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null, "SELECT EXISTS (SELECT 1 FROM queue_messages WHERE queue = $queue AND visible_at <= $now);");
        command.Parameters.AddWithValue("$now", now);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>
    /// The redrive of SQS: a visible message that has used up its receives moves to the dead-letter queue instead of
    /// being delivered again, keeping its id, body, de-duplication id and group.
    /// </summary>
    private async Task<List<(string MessageId, string? DeduplicationId)>> MoveExhaustedAsync(
        SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, string deadLetterQueue, CancellationToken cancellationToken)
    {
        await using var move = Command(connection, transaction, """
            UPDATE queue_messages SET queue = $dlq, receive_count = 0, receipt_handle = NULL, visible_at = $now
            WHERE queue = $queue AND visible_at <= $now AND receive_count >= $max
            RETURNING message_id, dedup_id;
            """);
        move.Parameters.AddWithValue("$dlq", deadLetterQueue);
        move.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        move.Parameters.AddWithValue("$max", MaxReceiveCount);
        var moved = new List<(string, string?)>();
        await using var reader = await move.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            moved.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return moved;
    }

    /// <summary>Sets a message's visibility to now + <paramref name="visibleIn"/> if the receipt is still current.</summary>
    private async Task<bool> UpdateReceiptAsync(ReceivedMessage message, string update, TimeSpan visibleIn, CancellationToken cancellationToken)
    {
        if (!TryParseReceipt(message.ReceiptHandle, out var seq))
        {
            return false;
        }

        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = Command(connection, null, update + " WHERE seq = $seq AND queue = $queue AND receipt_handle = $receipt;");
        command.Parameters.AddWithValue("$visible", (_time.GetUtcNow() + visibleIn).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$receipt", message.ReceiptHandle);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task WaitAsync(Task signal, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(signal, Task.Delay(timeout, _time, stopPolling.Token));
        await stopPolling.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$queue", Name);
        return command;
    }

    private static bool TryParseReceipt(string receiptHandle, out long seq)
    {
        var dot = receiptHandle.IndexOf('.', StringComparison.Ordinal);
        seq = 0;
        return dot > 0 && long.TryParse(receiptHandle.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} (dedup id {DeduplicationId}) used up its receives and moved to {DeadLetterQueue}")]
    private static partial void LogDeadLettered(ILogger logger, string queue, string messageId, string? deduplicationId, string deadLetterQueue);
}
