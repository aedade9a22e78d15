using MySqlConnector;
using Portable.Core.Orders;

namespace Portable.Adapters.MySql.Orders;

/// <summary>
/// The simulated gateway's captures on MySQL. The charge id is a unique key: concurrent captures of one charge wait
/// for the first insert, find its row and return it. Captures are safe to repeat after a lost connection; a refund
/// repeated after its first attempt committed unanswered reports false (already refunded), and refunds once all the same.
/// </summary>
public sealed class MySqlPaymentLedger(MySqlDatabase database) : IPaymentLedger
{
    private const string Columns = "payment_id, charge_id, order_id, amount, refunded, captured_at";

    public Task<PaymentRecord> CaptureAsync(PaymentCharge charge, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        var paymentId = "PAY-" + Guid.NewGuid().ToString("N");
        return database.RunAsync(
            async (connection, token) =>
            {
                // Two autocommit statements, one round trip: the insert (a no-op for a known charge) then the stored row.
                await using var command = new MySqlCommand(
                    $"""
                    INSERT INTO payments (payment_id, charge_id, order_id, amount, captured_at) VALUES (@payment, @charge, @order, @amount, @at)
                    ON DUPLICATE KEY UPDATE charge_id = charge_id;
                    SELECT {Columns} FROM payments WHERE charge_id = @charge;
                    """,
                    connection);
                command.Parameters.AddWithValue("@payment", paymentId);
                command.Parameters.AddWithValue("@charge", charge.ChargeId);
                command.Parameters.AddWithValue("@order", charge.OrderId);
                command.Parameters.AddWithValue("@amount", charge.Amount);
                command.Parameters.AddWithValue("@at", at.UtcTicks);
                await using var reader = await command.ExecuteReaderAsync(token);
                return await reader.ReadAsync(token)
                    ? Read(reader)
                    : throw new InvalidOperationException($"The capture of charge {charge.ChargeId} was not stored.");
            },
            cancellationToken);
    }

    public Task<bool> RefundAsync(string paymentId, CancellationToken cancellationToken) =>
        database.RunAsync(
            async (connection, token) =>
            {
                await using var command = new MySqlCommand("UPDATE payments SET refunded = TRUE WHERE payment_id = @payment AND NOT refunded", connection);
                command.Parameters.AddWithValue("@payment", paymentId);
                return await command.ExecuteNonQueryAsync(token) == 1;
            },
            cancellationToken);

    public Task<IReadOnlyList<PaymentRecord>> ForOrderAsync(string orderId, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<PaymentRecord>>(
            async (connection, token) =>
            {
                await using var command = new MySqlCommand($"SELECT {Columns} FROM payments WHERE order_id = @order ORDER BY captured_at, payment_id", connection);
                command.Parameters.AddWithValue("@order", orderId);
                var records = new List<PaymentRecord>();
                await using var reader = await command.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    records.Add(Read(reader));
                }

                return records;
            },
            cancellationToken);

    private static PaymentRecord Read(MySqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetBoolean(4),
        new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero));
}
