using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>The activities of the order workflow, by name.</summary>
public static class OrderActivities
{
    public const string Record = "RecordOrder";
    public const string Charge = "ChargePayment";
    public const string Refund = "RefundPayment";
    public const string ChangeStatus = "ChangeOrderStatus";
    public const string EnqueueDispatch = "EnqueueOrderDispatch";

    public static WorkflowRegistry AddOrderWorkflow(this WorkflowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddWorkflow<OrderWorkflow>(OrderWorkflow.Name)
            .AddActivity<RecordOrderActivity>(Record)
            .AddActivity<ChargePaymentActivity>(Charge)
            .AddActivity<RefundPaymentActivity>(Refund)
            .AddActivity<ChangeOrderStatusActivity>(ChangeStatus)
            .AddActivity<EnqueueDispatchActivity>(EnqueueDispatch);
    }
}
