using Microsoft.Azure.Functions.Worker;
using Portable.Core.Orders;
using Portable.Core.Quality;

namespace Portable.Functions.Durable;

/// <summary>One activity trigger per Core activity, named as the workflow registry names it.</summary>
public sealed class ActivityFunctions(ActivityRunner runner)
{
    [Function(RecordOrderActivity.Name)]
    public Task<ActivityResult> RecordOrder([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(RecordOrderActivity.Name, call, context);

    [Function(ChargePaymentActivity.Name)]
    public Task<ActivityResult> ChargePayment([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(ChargePaymentActivity.Name, call, context);

    [Function(RefundPaymentActivity.Name)]
    public Task<ActivityResult> RefundPayment([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(RefundPaymentActivity.Name, call, context);

    [Function(ChangeOrderStatusActivity.Name)]
    public Task<ActivityResult> ChangeOrderStatus([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(ChangeOrderStatusActivity.Name, call, context);

    [Function(EnqueueDispatchActivity.Name)]
    public Task<ActivityResult> EnqueueOrderDispatch([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(EnqueueDispatchActivity.Name, call, context);

    [Function(CheckSampleActivity.Name)]
    public Task<ActivityResult> CheckSample([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(CheckSampleActivity.Name, call, context);

    [Function(StoreVerdictActivity.Name)]
    public Task<ActivityResult> StoreVerdict([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(StoreVerdictActivity.Name, call, context);

    [Function(NotifyLabStaffActivity.Name)]
    public Task<ActivityResult> NotifyLabStaff([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(NotifyLabStaffActivity.Name, call, context);

    [Function(RecordNotificationActivity.Name)]
    public Task<ActivityResult> RecordNotification([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(RecordNotificationActivity.Name, call, context);
}
