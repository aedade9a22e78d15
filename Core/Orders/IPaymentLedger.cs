namespace Portable.Core.Orders;

/// <summary>Where the simulated gateway keeps its captures, so a charge or refund repeated after a crash has no second effect.</summary>
public interface IPaymentLedger
{
    /// <summary>Captures once per charge id; a repeat returns the first capture.</summary>
    Task<PaymentRecord> CaptureAsync(PaymentCharge charge, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks a capture refunded; false when it already was.</summary>
    Task<bool> RefundAsync(string paymentId, CancellationToken cancellationToken);

    Task<IReadOnlyList<PaymentRecord>> ForOrderAsync(string orderId, CancellationToken cancellationToken);
}
