using Portable.Core.Workflows;

namespace Portable.Core.Orders;

public sealed class RefundPaymentActivity(IPaymentGateway gateway) : Activity<string, bool>
{
    public const string Name = "RefundPayment";

    public override async Task<bool> RunAsync(ActivityContext context, string input, CancellationToken cancellationToken)
    {
        await gateway.RefundAsync(input, cancellationToken);
        return true;
    }
}
