using Portable.Core.Workflows;

namespace Portable.Core.Orders;

public sealed class ChargePaymentActivity(IPaymentGateway gateway) : Activity<PaymentCharge, PaymentResult>
{
    public const string Name = "ChargePayment";

    public override Task<PaymentResult> RunAsync(ActivityContext context, PaymentCharge input, CancellationToken cancellationToken) =>
        gateway.ChargeAsync(input, cancellationToken);
}
