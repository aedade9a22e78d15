using System.Collections.Concurrent;

namespace Portable.Core.Orders;

/// <summary>
/// The default gateway: declines amounts above <see cref="OrderOptions.PaymentLimit"/>, can be told to fail
/// the first attempts of each charge, and records captures in a ledger so that repeats have no second effect.
/// </summary>
public sealed class SimulatedPaymentGateway(IPaymentLedger ledger, OrderOptions options, TimeProvider time) : IPaymentGateway
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public async Task<PaymentResult> ChargeAsync(PaymentCharge charge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charge);
        if (charge.Amount > options.PaymentLimit)
        {
            return PaymentResult.Decline($"The amount {charge.Amount} is above the payment limit of {options.PaymentLimit}.");
        }

        var attempt = _attempts.AddOrUpdate(charge.ChargeId, 1, (_, count) => count + 1);
        if (attempt <= options.PaymentTransientFailures)
        {
            throw new PaymentUnavailableException($"The payment gateway is temporarily unavailable (attempt {attempt} of charge {charge.ChargeId}).");
        }

        var record = await ledger.CaptureAsync(charge, time.GetUtcNow(), cancellationToken);
        return PaymentResult.Capture(record.PaymentId);
    }

    public Task RefundAsync(string paymentId, CancellationToken cancellationToken) =>
        ledger.RefundAsync(paymentId, cancellationToken);
}
