using Microsoft.Extensions.Logging;
using Portable.Core.Idempotency;
using Portable.Core.Telemetry;
using Portable.Core.Validation;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>
/// Places an order: takes the next id and starts the order's workflow with the order as its input. The workflow's first
/// activity writes the order row, so the row has one writer; until it does, <see cref="OrderLookup"/> reads the order
/// from the workflow's input. With an idempotency key the id is taken once per key (the key is stored with it in one
/// transaction), and a repeat starts the workflow only if the first request did not get that far.
/// </summary>
public sealed class OrderPlacement(
    IOrderStore store, IWorkflowClient workflows, OrderOptions options, IdempotencyOptions idempotency, TimeProvider time, ILogger<OrderPlacement> logger)
{
    public async Task<OrderId> PlaceAsync(NewOrder request, string orderedBy, IdempotencyKey? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        var (id, repeated) = key is null
            ? new KeyedOrderId(await store.NextIdAsync(cancellationToken), Repeated: false)
            : await store.NextIdOnceAsync(key, now, now + idempotency.Window, cancellationToken);
        using var scope = WorkScope.Order(logger, id.Value);
        if (repeated && await workflows.GetInstanceAsync(id.Value, cancellationToken: cancellationToken) is not null)
        {
            return id;
        }

        var order = Order.Place(id, request, orderedBy, now);
        try
        {
            await workflows.ScheduleNewAsync(OrderWorkflow.Reference, OrderInput.Of(order, options), new StartWorkflowOptions(id.Value), cancellationToken);
        }
        catch (ConflictException) when (key is not null)
        {
            // The number is the key's: whoever started it meanwhile is a repeat of this request (a concurrent retry that
            // found the key this attempt had just stored, or the other way round).
        }

        return id;
    }
}
