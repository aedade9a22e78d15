using System.Text.Json;
using Microsoft.DurableTask.Client;
using Portable.Core.Messaging;
using Portable.Core.Orders;

namespace Portable.Functions.Tests.Engine;

/// <summary>
/// Orders placed, dispatched and cancelled through Core's own services on <see cref="EngineHost"/>, and what can be seen
/// of them: the instance as the engine holds it, the order row and the payment ledger. The same scenario as the
/// embedded runtime's tests (<c>tests/Durable.Tests/Orders</c>).
/// </summary>
internal sealed class EngineOrders(EngineHost host)
{
    public const string Customer = "ada@example.com";

    public const string Operator = "ops@example.com";

    /// <summary>Short waits, so that every retry and delivery of a scenario comes due within it.</summary>
    public static Dictionary<string, string?> Settings(string deliveryDelay = "00:00:00.200", int transientFailures = 0) => new()
    {
        ["Orders:DeliveryDelay"] = deliveryDelay,
        ["Orders:Payment:Limit"] = "1000",
        ["Orders:Payment:MaxAttempts"] = "4",
        ["Orders:Payment:FirstRetryInterval"] = "00:00:00.020",
        ["Orders:Payment:TransientFailures"] = transientFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task<string> PlaceAsync(int amount, CancellationToken cancellationToken) =>
        (await host.Service<OrderPlacement>().PlaceAsync(NewOrder.Create("book", amount, null), Customer, key: null, cancellationToken)).Value;

    public Task<CancelAccepted> CancelAsync(string orderId, CancellationToken cancellationToken) =>
        host.Service<OrderCancellation>().CancelAsync(orderId, Operator, cancellationToken);

    public Task<Order?> RowAsync(string orderId, CancellationToken cancellationToken) =>
        host.Service<IOrderStore>().GetAsync(OrderId.ParseOrNotFound(orderId), cancellationToken);

    public Task<IReadOnlyList<PaymentRecord>> PaymentsAsync(string orderId, CancellationToken cancellationToken) =>
        host.Service<IPaymentLedger>().ForOrderAsync(orderId, cancellationToken);

    /// <summary>Waits for the dispatch message the workflow enqueues, and hands it to Core's dispatcher as the queue trigger does.</summary>
    public async Task<DispatchNotice> DispatchAsync(CancellationToken cancellationToken)
    {
        var queue = host.Service<IQueueProvider>().GetQueue(QueueNames.OrderDispatch);
        while (true)
        {
            var messages = await queue.ReceiveAsync(1, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), cancellationToken);
            if (messages.Count == 1)
            {
                await host.Service<OrderDispatcher>().HandleAsync(messages[0], cancellationToken);
                await queue.DeleteAsync(messages, cancellationToken);
                return JsonSerializer.Deserialize(messages[0].Body, OrdersJsonContext.Default.DispatchNotice)!;
            }
        }
    }

    /// <summary>How many dispatch messages wait on the queue (received here, and given back at once).</summary>
    public async Task<int> WaitingDispatchesAsync(CancellationToken cancellationToken)
    {
        var queue = host.Service<IQueueProvider>().GetQueue(QueueNames.OrderDispatch);
        var messages = await queue.ReceiveAsync(10, TimeSpan.Zero, TimeSpan.FromMinutes(1), cancellationToken);
        foreach (var message in messages)
        {
            await queue.ReleaseAsync(message, TimeSpan.Zero, cancellationToken);
        }

        return messages.Count;
    }

    public Task<OrchestrationMetadata> WaitForCustomStatusAsync(string orderId, OrderStatus status, CancellationToken cancellationToken) =>
        host.WaitUntilAsync(orderId, instance => CustomStatus(instance) == status, cancellationToken);

    public OrderOutcome Outcome(OrchestrationMetadata instance) => host.Read<OrderOutcome>(instance.SerializedOutput)!;

    public OrderStatus? CustomStatus(OrchestrationMetadata instance) =>
        instance.SerializedCustomStatus is null ? null : host.Read<OrderStatus>(instance.SerializedCustomStatus);
}
