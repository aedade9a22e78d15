using Portable.Core.Workflows;

namespace Portable.Core.Orders;

/// <summary>The activities of the order workflow, typed: the workflow calls them and the registry registers them through these.</summary>
public static class OrderActivities
{
    public static ActivityReference<OrderInput, bool> Record { get; } = new(RecordOrderActivity.Name);

    public static ActivityReference<PaymentCharge, PaymentResult> Charge { get; } = new(ChargePaymentActivity.Name);

    public static ActivityReference<string, bool> Refund { get; } = new(RefundPaymentActivity.Name);

    public static ActivityReference<OrderStatusChange, OrderStatusChangeResult> ChangeStatus { get; } = new(ChangeOrderStatusActivity.Name);

    public static ActivityReference<DispatchNotice, bool> EnqueueDispatch { get; } = new(EnqueueDispatchActivity.Name);

    public static WorkflowRegistry AddOrderWorkflow(this WorkflowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddWorkflow<OrderWorkflow, OrderInput, OrderOutcome>(OrderWorkflow.Reference)
            .AddActivity<RecordOrderActivity, OrderInput, bool>(Record)
            .AddActivity<ChargePaymentActivity, PaymentCharge, PaymentResult>(Charge)
            .AddActivity<RefundPaymentActivity, string, bool>(Refund)
            .AddActivity<ChangeOrderStatusActivity, OrderStatusChange, OrderStatusChangeResult>(ChangeStatus)
            .AddActivity<EnqueueDispatchActivity, DispatchNotice, bool>(EnqueueDispatch);
    }
}
