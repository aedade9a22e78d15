using System.Text.Json;
using Portable.Core.Messaging;
using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>Puts a placed order on the dispatch queue; the order id de-duplicates a repeat and keeps one order's messages in order.</summary>
public sealed class EnqueueDispatchActivity(IQueueProvider queues) : Activity<DispatchNotice, bool>
{
    public const string Name = "EnqueueOrderDispatch";

    public override async Task<bool> RunAsync(ActivityContext context, DispatchNotice input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var body = JsonSerializer.Serialize(input, OrdersJsonContext.Default.DispatchNotice);
        await queues.GetQueue(QueueNames.OrderDispatch)
            .SendAsync([new QueueMessage(body, DeduplicationId: $"{input.OrderId}:dispatch", GroupId: input.OrderId)], cancellationToken);
        return true;
    }
}
