using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>Makes sure the order row exists: the API writes it first, and this repairs a crash between starting the workflow and that write.</summary>
public sealed class RecordOrderActivity(IOrderStore store) : Activity<OrderInput, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, OrderInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = OrderId.ParseOrNotFound(input.OrderId);
        if (await store.GetAsync(id, cancellationToken) is not null)
        {
            return false;
        }

        var order = Order.Place(id, NewOrder.Create(input.Item, input.Amount, input.Description), input.OrderedBy, input.CreatedAt);
        await store.InsertAsync(order, cancellationToken);
        return true;
    }
}
