namespace Portable.Core.Orders;

/// <summary>The payment port. Both operations are idempotent by their ids, because activities run at least once.</summary>
public interface IPaymentGateway
{
    Task<PaymentResult> ChargeAsync(PaymentCharge charge, CancellationToken cancellationToken);

    /// <summary>Refunds a captured payment; refunding it again changes nothing.</summary>
    Task RefundAsync(string paymentId, CancellationToken cancellationToken);
}
