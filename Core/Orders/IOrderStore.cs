namespace Portable.Core.Orders;

/// <summary>The order store port.</summary>
public interface IOrderStore
{
    /// <summary>Takes the next number of the order sequence; numbers are never reused.</summary>
    Task<OrderId> NextIdAsync(CancellationToken cancellationToken);

    Task InsertAsync(Order order, CancellationToken cancellationToken);

    Task<Order?> GetAsync(OrderId id, CancellationToken cancellationToken);

    /// <summary>Writes the order's current state.</summary>
    Task UpdateAsync(Order order, CancellationToken cancellationToken);
}
