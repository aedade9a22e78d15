namespace Portable.Core.Orders;

/// <summary>One captured payment as the ledger holds it.</summary>
public sealed record PaymentRecord(string PaymentId, string ChargeId, string OrderId, int Amount, bool Refunded, DateTimeOffset CapturedAt);
