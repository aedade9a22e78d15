using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// Reads an order: its row once the workflow has written it; before that, the order as placed (PROCESSING), from the
/// input its workflow was started with, as a sample reads Checking before its verdict is stored.
/// </summary>
public sealed class OrderLookup(IOrderStore store, IWorkflowClient workflows, IDataConverter converter)
{
    /// <summary>Any order, for operators and the workflow's own steps.</summary>
    /// <exception cref="NotFoundException">No order and no order workflow has that id.</exception>
    public Task<Order> FindAsync(string orderId, CancellationToken cancellationToken) => FindAsync(orderId, null, cancellationToken);

    /// <summary>
    /// The order, when <paramref name="owner"/> placed it (null: whoever did). Another identity's order is not found,
    /// exactly as an order that does not exist, so ids reveal nothing about other customers.
    /// </summary>
    /// <exception cref="NotFoundException">No order with that id, or one <paramref name="owner"/> did not place.</exception>
    public async Task<Order> FindAsync(string orderId, string? owner, CancellationToken cancellationToken)
    {
        var order = await FindAnyAsync(orderId, cancellationToken);
        return owner is null || string.Equals(order.OrderedBy, owner, StringComparison.Ordinal)
            ? order
            : throw new NotFoundException($"Order '{order.Id}' does not exist.");
    }

    private async Task<Order> FindAnyAsync(string orderId, CancellationToken cancellationToken)
    {
        var id = OrderId.ParseOrNotFound(orderId);
        if (await store.GetAsync(id, cancellationToken) is { } order)
        {
            return order;
        }

        var instance = await workflows.GetInstanceAsync(id.Value, getInputsAndOutputs: true, cancellationToken: cancellationToken);
        if (instance is null
            || !string.Equals(instance.Name, OrderWorkflow.Name, StringComparison.OrdinalIgnoreCase)
            || converter.Deserialize<OrderInput>(instance.SerializedInput) is not { } input)
        {
            throw new NotFoundException($"Order '{id}' does not exist.");
        }

        if (!instance.IsCompleted)
        {
            return input.ToOrder();
        }

        // The workflow may have written the row since the first read; if it ended without writing it, the order failed.
        if (await store.GetAsync(id, cancellationToken) is { } written)
        {
            return written;
        }

        var unrecorded = input.ToOrder();
        unrecorded.MarkFailed(
            $"The order could not be recorded: its workflow ended {instance.RuntimeStatus}{(instance.FailureDetails is { } failure ? $" ({failure.ErrorMessage})" : "")}.",
            instance.LastUpdatedAt);
        return unrecorded;
    }
}
