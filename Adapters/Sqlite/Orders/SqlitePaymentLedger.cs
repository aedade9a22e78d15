using System.Globalization;
using Microsoft.Data.Sqlite;
using Portable.Core.Orders;

namespace Portable.Adapters.Sqlite.Orders;

/// <summary>The simulated gateway's captures; the charge id is unique, so a repeated charge finds the first capture.</summary>
public sealed class SqlitePaymentLedger : IPaymentLedger
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS payments (
            payment_id TEXT PRIMARY KEY,
            charge_id TEXT NOT NULL UNIQUE,
            order_id TEXT NOT NULL,
            amount INTEGER NOT NULL,
            refunded INTEGER NOT NULL DEFAULT 0,
            captured_at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_payments_order ON payments (order_id);
        """;

    private readonly SqliteDatabase _database;

    public SqlitePaymentLedger(SqliteDatabase database)
    {
        _database = database;
        using var connection = database.Open();
        SqliteDatabase.Execute(connection, Schema);
    }

    public async Task<PaymentRecord> CaptureAsync(PaymentCharge charge, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = SqliteDatabase.BeginWrite(connection);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO payments (payment_id, charge_id, order_id, amount, captured_at) VALUES ($payment, $charge, $order, $amount, $at) ON CONFLICT(charge_id) DO NOTHING;";
            insert.Parameters.AddWithValue("$payment", "PAY-" + Guid.NewGuid().ToString("N"));
            insert.Parameters.AddWithValue("$charge", charge.ChargeId);
            insert.Parameters.AddWithValue("$order", charge.OrderId);
            insert.Parameters.AddWithValue("$amount", charge.Amount);
            insert.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT payment_id, charge_id, order_id, amount, refunded, captured_at FROM payments WHERE charge_id = $charge;";
        select.Parameters.AddWithValue("$charge", charge.ChargeId);
        PaymentRecord record;
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            record = Read(reader);
        }

        await transaction.CommitAsync(cancellationToken);
        return record;
    }

    public async Task<bool> RefundAsync(string paymentId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE payments SET refunded = 1 WHERE payment_id = $payment AND refunded = 0;";
        command.Parameters.AddWithValue("$payment", paymentId);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<PaymentRecord>> ForOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payment_id, charge_id, order_id, amount, refunded, captured_at FROM payments WHERE order_id = $order ORDER BY captured_at;";
        command.Parameters.AddWithValue("$order", orderId);
        var records = new List<PaymentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static PaymentRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4) != 0,
        DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture));
}
