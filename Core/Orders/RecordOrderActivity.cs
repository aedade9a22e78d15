using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// Writes the order row: the order workflow's first step and the only writer of a new order. A repeat (a redelivered
/// activity) finds its own row written and changes nothing; a row of another order under the same id is a conflict,
/// never taken for this order's.
/// </summary>
public sealed class RecordOrderActivity(IOrderStore store) : Activity<OrderInput, bool>
{
    public const string Name = "RecordOrder";

    public override async Task<bool> RunAsync(ActivityContext context, OrderInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var order = input.ToOrder();
        if (await store.GetAsync(order.Id, cancellationToken) is { } existing)
        {
            return SameOrder(existing, order) ? false : throw Taken(order);
        }

        try
        {
            await store.InsertAsync(order, cancellationToken);
            return true;
        }
        catch (ConflictException)
        {
            // A second delivery of this very step may have written the row first.
            return await store.GetAsync(order.Id, cancellationToken) is { } raced && SameOrder(raced, order) ? false : throw Taken(order);
        }
    }

    private static bool SameOrder(Order stored, Order placed) =>
        string.Equals(stored.OrderedBy, placed.OrderedBy, StringComparison.Ordinal)
        && string.Equals(stored.Item, placed.Item, StringComparison.Ordinal)
        && stored.Amount == placed.Amount
        && (stored.CreatedAt - placed.CreatedAt).Duration() < TimeSpan.FromSeconds(1); // stores keep fewer digits of time

    private static ConflictException Taken(Order order) =>
        new($"Order id '{order.Id}' is already recorded for another order; this order is not recorded over it.");
}
