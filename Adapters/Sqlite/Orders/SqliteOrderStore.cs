using System.Globalization;
using Microsoft.Data.Sqlite;
using Portable.Core.Idempotency;
using Portable.Core.Orders;
using Portable.Core.Validation;

namespace Portable.Adapters.Sqlite.Orders;

/// <summary>Orders on SQLite; the id sequence is an AUTOINCREMENT table, so numbers are never reused.</summary>
public sealed class SqliteOrderStore : IOrderStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS order_sequence (n INTEGER PRIMARY KEY AUTOINCREMENT);
        CREATE TABLE IF NOT EXISTS orders (
            order_id TEXT PRIMARY KEY,
            item TEXT NOT NULL,
            amount INTEGER NOT NULL,
            description TEXT NULL,
            ordered_by TEXT NOT NULL,
            status TEXT NOT NULL,
            payment_id TEXT NULL,
            status_reason TEXT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_orders_status ON orders (status, updated_at);
        CREATE INDEX IF NOT EXISTS ix_orders_recent ON orders (status, order_id);
        CREATE TABLE IF NOT EXISTS order_cancel_requests (
            order_id TEXT PRIMARY KEY,
            requested_by TEXT NOT NULL,
            requested_at TEXT NOT NULL);
        """;

    private const string Columns = "order_id, item, amount, description, ordered_by, status, payment_id, status_reason, created_at, updated_at";

    private readonly SqliteDatabase _database;

    public SqliteOrderStore(SqliteDatabase database)
    {
        _database = database;
        using var connection = database.Open();
        SqliteDatabase.Execute(connection, Schema);
        SqliteDatabase.Execute(connection, SqliteIdempotencyKeys.Schema);
    }

    public async Task<OrderId> NextIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO order_sequence DEFAULT VALUES RETURNING n;";
        return OrderId.FromSequence((long)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    public async Task<KeyedOrderId> NextIdOnceAsync(IdempotencyKey key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        if (await SqliteIdempotencyKeys.FindAsync(connection, transaction, key, now, cancellationToken) is { } taken)
        {
            await transaction.CommitAsync(cancellationToken);
            return new KeyedOrderId(OrderId.ParseOrNotFound(taken), Repeated: true);
        }

        OrderId id;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO order_sequence DEFAULT VALUES RETURNING n;";
            id = OrderId.FromSequence((long)(await command.ExecuteScalarAsync(cancellationToken))!);
        }

        await SqliteIdempotencyKeys.AddAsync(connection, transaction, key, id.Value, keepUntil, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new KeyedOrderId(id, Repeated: false);
    }

    /// <summary>An order already stored under the id is a conflict: a new order never replaces or silently meets another.</summary>
    public async Task InsertAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO orders ({Columns}) VALUES ($id, $item, $amount, $description, $by, $status, $payment, $reason, $created, $updated) ON CONFLICT(order_id) DO NOTHING;";
        Bind(command, order);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new ConflictException($"Order '{order.Id}' is already stored.");
        }
    }

    public async Task<Order?> GetAsync(OrderId id, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM orders WHERE order_id = $id;";
        command.Parameters.AddWithValue("$id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>Ids are fixed-width, so their text order is their number order: a walk of the key (or of ix_orders_recent).</summary>
    public async Task<IReadOnlyList<Order>> RecentAsync(OrderStatus? status, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM orders {(status is null ? "" : "WHERE status = $status ")}ORDER BY order_id DESC LIMIT $limit;";
        if (status is { } wanted)
        {
            command.Parameters.AddWithValue("$status", wanted.ToString());
        }

        command.Parameters.AddWithValue("$limit", limit);
        var orders = new List<Order>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            orders.Add(Read(reader));
        }

        return orders;
    }

    public async Task UpdateAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE orders SET status = $status, payment_id = $payment, status_reason = $reason, updated_at = $updated WHERE order_id = $id;";
        Bind(command, order);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Order {order.Id} is not stored.");
        }
    }

    /// <summary>One write transaction (SQLite has one writer at a time), so the request check and the update are one step.</summary>
    public async Task<CancelRequest?> UpdateUnlessCancelRequestedAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        if (await ReadCancelRequestAsync(connection, transaction, order.Id, cancellationToken) is { } request)
        {
            return request;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE orders SET status = $status, payment_id = $payment, status_reason = $reason, updated_at = $updated WHERE order_id = $id;";
        Bind(command, order);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Order {order.Id} is not stored.");
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task<Order?> RecordCancelRequestAsync(OrderId id, CancelRequest request, Func<Order?, bool> allow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(allow);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        Order? row;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = $"SELECT {Columns} FROM orders WHERE order_id = $id;";
            select.Parameters.AddWithValue("$id", id.Value);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            row = await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }

        if (!allow(row))
        {
            return row;
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO order_cancel_requests (order_id, requested_by, requested_at) VALUES ($id, $by, $at) ON CONFLICT(order_id) DO NOTHING;";
            insert.Parameters.AddWithValue("$id", id.Value);
            insert.Parameters.AddWithValue("$by", request.RequestedBy);
            insert.Parameters.AddWithValue("$at", request.RequestedAt.ToString("O", CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    private static async Task<CancelRequest?> ReadCancelRequestAsync(
        SqliteConnection connection, SqliteTransaction transaction, OrderId id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT requested_by, requested_at FROM order_cancel_requests WHERE order_id = $id;";
        command.Parameters.AddWithValue("$id", id.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new CancelRequest(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture))
            : null;
    }

    private static void Bind(SqliteCommand command, Order order)
    {
        command.Parameters.AddWithValue("$id", order.Id.Value);
        command.Parameters.AddWithValue("$item", order.Item);
        command.Parameters.AddWithValue("$amount", order.Amount);
        command.Parameters.AddWithValue("$description", (object?)order.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$by", order.OrderedBy);
        command.Parameters.AddWithValue("$status", order.Status.ToString());
        command.Parameters.AddWithValue("$payment", (object?)order.PaymentId ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", (object?)order.StatusReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", order.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$updated", order.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
    }

    private static Order Read(SqliteDataReader reader) => Order.Restore(
        OrderId.ParseOrNotFound(reader.GetString(0)),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        Enum.Parse<OrderStatus>(reader.GetString(5)),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        DateTimeOffset.Parse(reader.GetString(8), CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture));
}
