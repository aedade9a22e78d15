using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// Writes the order row: the order workflow's first step and the only writer of a new order. A repeat (a redelivered
/// activity) finds the row written and changes nothing.
/// </summary>
public sealed class RecordOrderActivity(IOrderStore store) : Activity<OrderInput, bool>
{
    public const string Name = "RecordOrder";

    public override async Task<bool> RunAsync(ActivityContext context, OrderInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var order = input.ToOrder();
        if (await store.GetAsync(order.Id, cancellationToken) is not null)
        {
            return false;
        }

        await store.InsertAsync(order, cancellationToken);
        return true;
    }
}
