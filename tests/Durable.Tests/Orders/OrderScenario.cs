using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Messaging;
using Portable.Core.Orders;
using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Orders;

/// <summary>
/// Orders placed, dispatched and cancelled through Core's own services on a host of <see cref="CoreApplication"/>, and
/// what can be seen of them: the workflow instance, the order row and the payment ledger.
/// </summary>
internal sealed class OrderScenario(DurableTestHost host)
{
    public const string Customer = "ada@example.com";

    public const string Operator = "ops@example.com";

    /// <summary>Short waits, so that every retry and delivery of a scenario comes due within it.</summary>
    public static Dictionary<string, string?> Settings(string deliveryDelay = "00:00:00.200") => new()
    {
        ["Orders:DeliveryDelay"] = deliveryDelay,
        ["Orders:Payment:Limit"] = "1000",
        ["Orders:Payment:MaxAttempts"] = "4",
        ["Orders:Payment:FirstRetryInterval"] = "00:00:00.020",
    };

    public DurableTestHost Host => host;

    public async Task<string> PlaceAsync(int amount, CancellationToken cancellationToken) =>
        (await Service<OrderPlacement>().PlaceAsync(NewOrder.Create("book", amount, null), Customer, key: null, cancellationToken)).Value;

    public Task<CancelAccepted> CancelAsync(string orderId, CancellationToken cancellationToken) =>
        Service<OrderCancellation>().CancelAsync(orderId, Operator, cancellationToken);

    public Task<Order> FindAsync(string orderId, CancellationToken cancellationToken) =>
        Service<OrderLookup>().FindAsync(orderId, cancellationToken);

    public Task<Order?> RowAsync(string orderId, CancellationToken cancellationToken) =>
        Service<IOrderStore>().GetAsync(OrderId.ParseOrNotFound(orderId), cancellationToken);

    public Task<IReadOnlyList<PaymentRecord>> PaymentsAsync(string orderId, CancellationToken cancellationToken) =>
        Service<IPaymentLedger>().ForOrderAsync(orderId, cancellationToken);

    /// <summary>Waits for the dispatch message the workflow enqueues, and hands it to Core's dispatcher as the queue consumer does.</summary>
    public async Task<DispatchNotice> DispatchAsync(CancellationToken cancellationToken)
    {
        var queue = Service<IQueueProvider>().GetQueue(QueueNames.OrderDispatch);
        while (true)
        {
            var messages = await queue.ReceiveAsync(1, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), cancellationToken);
            if (messages.Count == 1)
            {
                await Service<OrderDispatcher>().HandleAsync(messages[0], cancellationToken);
                await queue.DeleteAsync(messages, cancellationToken);
                return System.Text.Json.JsonSerializer.Deserialize(messages[0].Body, OrdersJsonContext.Default.DispatchNotice)!;
            }
        }
    }

    /// <summary>How many dispatch messages wait on the queue (received here, and given back at once).</summary>
    public async Task<int> WaitingDispatchesAsync(CancellationToken cancellationToken)
    {
        var queue = Service<IQueueProvider>().GetQueue(QueueNames.OrderDispatch);
        var messages = await queue.ReceiveAsync(10, TimeSpan.Zero, TimeSpan.FromMinutes(1), cancellationToken);
        foreach (var message in messages)
        {
            await queue.ReleaseAsync(message, TimeSpan.Zero, cancellationToken);
        }

        return messages.Count;
    }

    public Task<WorkflowInstance> WaitForCustomStatusAsync(string orderId, OrderStatus status, CancellationToken cancellationToken) =>
        host.WaitUntilAsync(orderId, instance => CustomStatus(instance) == status, cancellationToken);

    /// <summary>The ended instance with its history.</summary>
    public async Task<WorkflowInstance> CompletionAsync(string orderId, CancellationToken cancellationToken)
    {
        await host.Client.WaitForCompletionAsync(orderId, cancellationToken);
        return (await host.Client.GetInstanceAsync(orderId, getInputsAndOutputs: true, getHistory: true, cancellationToken))!;
    }

    public OrderOutcome Outcome(WorkflowInstance instance) => host.Read<OrderOutcome>(instance.SerializedOutput)!;

    public OrderStatus? CustomStatus(WorkflowInstance instance) =>
        instance.SerializedCustomStatus is null ? null : host.Read<OrderStatus>(instance.SerializedCustomStatus);

    public static int Count(WorkflowInstance instance, string eventType, string? name = null) =>
        instance.History!.Count(e => e.EventType == eventType && (name is null || string.Equals(e.Name, name, StringComparison.Ordinal)));

    private T Service<T>()
        where T : notnull => host.Services.GetRequiredService<T>();
}
