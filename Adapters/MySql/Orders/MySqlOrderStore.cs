using MySqlConnector;
using Portable.Core.Idempotency;
using Portable.Core.Orders;
using Portable.Core.Validation;

namespace Portable.Adapters.MySql.Orders;

/// <summary>
/// Orders on MySQL. Numbers come from the <c>orders</c> row of <c>id_sequences</c>, one autocommit UPDATE each, so
/// they are never handed out twice; every call is safe to repeat after a lost connection (a repeated NextId skips a
/// number, a repeated insert or update writes the same row), so all of them retry through <see cref="MySqlDatabase"/>.
/// </summary>
public sealed class MySqlOrderStore(MySqlDatabase database) : IOrderStore
{
    private const string Columns = "order_id, item, amount, description, ordered_by, status, payment_id, status_reason, created_at, updated_at";

    // Blocks of one: order numbers stay in the order they were asked for, across processes too.
    private readonly MySqlIdBlocks _numbers = new("orders", blockSize: 1);

    public Task<OrderId> NextIdAsync(CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) => OrderId.FromSequence(await _numbers.TakeAsync(connection, 1, token)),
            cancellationToken);

    /// <summary>
    /// The key and the number in one transaction; the number is taken just before it, by itself (its UPDATE takes no
    /// transaction), and skipped when the key turns out to be known. A repeat after a lost connection finds the key and
    /// gets the number it stored.
    /// </summary>
    public Task<KeyedOrderId> NextIdOnceAsync(IdempotencyKey key, DateTimeOffset now, DateTimeOffset keepUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.RunAsync(
            async (connection, token) =>
            {
                var id = OrderId.FromSequence(await _numbers.TakeAsync(connection, 1, token));
                await using var transaction = await connection.BeginTransactionAsync(token);
                if (await MySqlIdempotencyKeys.FindAsync(connection, transaction, key, now, token) is { } taken)
                {
                    await transaction.CommitAsync(token);
                    return new KeyedOrderId(OrderId.ParseOrNotFound(taken), Repeated: true);
                }

                await MySqlIdempotencyKeys.AddAsync(connection, transaction, key, id.Value, keepUntil, token);
                await transaction.CommitAsync(token);
                return new KeyedOrderId(id, Repeated: false);
            },
            cancellationToken);
    }

    /// <summary>
    /// An order already stored under the id is a conflict: a new order never replaces or silently meets another. A retry
    /// of an insert whose commit was not acknowledged meets its own row, which the record activity recognises.
    /// </summary>
    public async Task InsertAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var inserted = await database.RunAsync(
            async (connection, token) =>
            {
                await using var command = new MySqlCommand(
                    $"INSERT INTO orders ({Columns}) VALUES (@id, @item, @amount, @description, @by, @status, @payment, @reason, @created, @updated)",
                    connection);
                Bind(command, order);
                try
                {
                    return await command.ExecuteNonQueryAsync(token);
                }
                catch (MySqlException exception) when (exception.ErrorCode == MySqlErrorCode.DuplicateKeyEntry)
                {
                    return 0;
                }
            },
            cancellationToken);
        if (inserted == 0)
        {
            throw new ConflictException($"Order '{order.Id}' is already stored.");
        }
    }

    public Task<Order?> GetAsync(OrderId id, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = new MySqlCommand($"SELECT {Columns} FROM orders WHERE order_id = @id", connection);
                command.Parameters.AddWithValue("@id", id.Value);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token) ? Read(reader) : null;
            },
            cancellationToken);

    /// <summary>
    /// A backward walk of the primary key, or of <c>ix_orders_recent</c> (status, order_id) for one status: no sort,
    /// however many orders there are. Ids are fixed-width ASCII, so their byte order is their number order. The index
    /// is forced: a status has few distinct values, and on that estimate the optimizer walks the primary key and
    /// filters instead, which reads the whole table when the status is a rare one.
    /// </summary>
    public Task<IReadOnlyList<Order>> RecentAsync(OrderStatus? status, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return database.RunAsync<IReadOnlyList<Order>>(
            async (connection, token) =>
            {
                await using var command = new MySqlCommand(
                    $"SELECT {Columns} FROM orders {(status is null ? "" : "FORCE INDEX (ix_orders_recent) WHERE status = @status ")}ORDER BY order_id DESC LIMIT @limit", connection);
                if (status is { } wanted)
                {
                    command.Parameters.AddWithValue("@status", wanted.ToString());
                }

                command.Parameters.AddWithValue("@limit", limit);
                var orders = new List<Order>();
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    orders.Add(Read(reader));
                }

                return orders;
            },
            cancellationToken);
    }

    public Task UpdateAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return database.RunAsync(
            async (connection, token) =>
            {
                // Counts the row as found even when nothing changed (the client's default, FOUND_ROWS).
                await using var command = new MySqlCommand(
                    "UPDATE orders SET status = @status, payment_id = @payment, status_reason = @reason, updated_at = @updated WHERE order_id = @id",
                    connection);
                Bind(command, order);
                return await command.ExecuteNonQueryAsync(token) == 1
                    ? true
                    : throw new InvalidOperationException($"Order {order.Id} is not stored.");
            },
            cancellationToken);
    }

    /// <summary>The order's row, then its request, both locked: as <see cref="RecordCancelRequestAsync"/> takes them.</summary>
    public Task<CancelRequest?> UpdateUnlessCancelRequestedAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(token);
                await using (var lockRow = new MySqlCommand("SELECT order_id FROM orders WHERE order_id = @id FOR UPDATE", connection, transaction))
                {
                    lockRow.Parameters.AddWithValue("@id", order.Id.Value);
                    if (await lockRow.ExecuteScalarAsync(token) is null)
                    {
                        throw new InvalidOperationException($"Order {order.Id} is not stored.");
                    }
                }

                await using (var read = new MySqlCommand(
                    "SELECT requested_by, requested_at FROM order_cancel_requests WHERE order_id = @id LOCK IN SHARE MODE", connection, transaction))
                {
                    read.Parameters.AddWithValue("@id", order.Id.Value);
                    await using var reader = await read.ExecuteReaderAsync(token);
                    if (await reader.ReadAsync(token))
                    {
                        return new CancelRequest(reader.GetString(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero));
                    }
                }

                await using (var update = new MySqlCommand(
                    "UPDATE orders SET status = @status, payment_id = @payment, status_reason = @reason, updated_at = @updated WHERE order_id = @id",
                    connection, transaction))
                {
                    Bind(update, order);
                    await update.ExecuteNonQueryAsync(token);
                }

                await transaction.CommitAsync(token);
                return (CancelRequest?)null;
            },
            cancellationToken);
    }

    /// <summary>
    /// Locks the order's row (or, before it is written, its key, which holds the workflow's insert back) and records the
    /// request under that lock; a repeat after a lost connection finds the request recorded and keeps it.
    /// </summary>
    public Task<Order?> RecordCancelRequestAsync(OrderId id, CancelRequest request, Func<Order?, bool> allow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(allow);
        return database.RunAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(token);
                Order? row;
                await using (var select = new MySqlCommand($"SELECT {Columns} FROM orders WHERE order_id = @id FOR UPDATE", connection, transaction))
                {
                    select.Parameters.AddWithValue("@id", id.Value);
                    await using var reader = await select.ExecuteReaderAsync(token);
                    row = await reader.ReadAsync(token) ? Read(reader) : null;
                }

                if (!allow(row))
                {
                    await transaction.RollbackAsync(token);
                    return row;
                }

                await using (var insert = new MySqlCommand(
                    "INSERT INTO order_cancel_requests (order_id, requested_by, requested_at) VALUES (@id, @by, @at) ON DUPLICATE KEY UPDATE order_id = order_id",
                    connection, transaction))
                {
                    insert.Parameters.AddWithValue("@id", id.Value);
                    insert.Parameters.AddWithValue("@by", request.RequestedBy);
                    insert.Parameters.AddWithValue("@at", request.RequestedAt.UtcTicks);
                    await insert.ExecuteNonQueryAsync(token);
                }

                await transaction.CommitAsync(token);
                return row;
            },
            cancellationToken);
    }

    private static void Bind(MySqlCommand command, Order order)
    {
        command.Parameters.AddWithValue("@id", order.Id.Value);
        command.Parameters.AddWithValue("@item", order.Item);
        command.Parameters.AddWithValue("@amount", order.Amount);
        command.Parameters.AddWithValue("@description", order.Description);
        command.Parameters.AddWithValue("@by", order.OrderedBy);
        command.Parameters.AddWithValue("@status", order.Status.ToString());
        command.Parameters.AddWithValue("@payment", order.PaymentId);
        command.Parameters.AddWithValue("@reason", order.StatusReason);
        command.Parameters.AddWithValue("@created", order.CreatedAt.UtcTicks);
        command.Parameters.AddWithValue("@updated", order.UpdatedAt.UtcTicks);
    }

    private static Order Read(MySqlDataReader reader) => Order.Restore(
        OrderId.ParseOrNotFound(reader.GetString(0)),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.GetString(4),
        Enum.Parse<OrderStatus>(reader.GetString(5)),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetString(7),
        new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero),
        new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero));
}
