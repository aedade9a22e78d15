using Microsoft.Azure.Functions.Worker;
using Portable.Core.Orders;
using Portable.Core.Quality;

namespace Portable.Functions.Durable;

/// <summary>One activity trigger per Core activity, named as the workflow registry names it.</summary>
public sealed class ActivityFunctions(ActivityRunner runner)
{
    [Function(OrderActivities.Record)]
    public Task<ActivityResult> RecordOrder([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(OrderActivities.Record, call, context);

    [Function(OrderActivities.Charge)]
    public Task<ActivityResult> ChargePayment([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(OrderActivities.Charge, call, context);

    [Function(OrderActivities.Refund)]
    public Task<ActivityResult> RefundPayment([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(OrderActivities.Refund, call, context);

    [Function(OrderActivities.ChangeStatus)]
    public Task<ActivityResult> ChangeOrderStatus([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(OrderActivities.ChangeStatus, call, context);

    [Function(OrderActivities.EnqueueDispatch)]
    public Task<ActivityResult> EnqueueOrderDispatch([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(OrderActivities.EnqueueDispatch, call, context);

    [Function(QualityActivities.Check)]
    public Task<ActivityResult> CheckSample([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(QualityActivities.Check, call, context);

    [Function(QualityActivities.StoreVerdict)]
    public Task<ActivityResult> StoreVerdict([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(QualityActivities.StoreVerdict, call, context);

    [Function(QualityActivities.Notify)]
    public Task<ActivityResult> NotifyLabStaff([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(QualityActivities.Notify, call, context);

    [Function(QualityActivities.RecordNotification)]
    public Task<ActivityResult> RecordNotification([ActivityTrigger] ActivityCall call, FunctionContext context) =>
        runner.RunAsync(QualityActivities.RecordNotification, call, context);
}
