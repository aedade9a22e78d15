namespace Portable.Core.Orders;

/// <summary>The gateway's answer: captured with a payment id, or declined with a reason.</summary>
public sealed record PaymentResult(bool Captured, string? PaymentId, string? DeclineReason)
{
    public static PaymentResult Capture(string paymentId) => new(true, paymentId, null);

    public static PaymentResult Decline(string reason) => new(false, null, reason);
}
