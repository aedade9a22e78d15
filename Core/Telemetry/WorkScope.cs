using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Portable.Core.Telemetry;

/// <summary>
/// Log scopes for one unit of work: every line written inside carries the order id, sample id, device id or
/// workflow instance id as a structured property (JSON logs show them under <c>Scopes</c>), and the current span
/// is tagged with the same id so a trace can be found from a log line and back. Every host uses these, so the
/// fields are named the same everywhere.
/// </summary>
public static class WorkScope
{
    private static readonly Func<ILogger, string, IDisposable?> OrderScope =
        LoggerMessage.DefineScope<string>("Order {OrderId}");

    private static readonly Func<ILogger, string, IDisposable?> SampleScope =
        LoggerMessage.DefineScope<string>("Sample {SampleId}");

    private static readonly Func<ILogger, string, IDisposable?> DeviceScope =
        LoggerMessage.DefineScope<string>("Device {DeviceId}");

    private static readonly Func<ILogger, string, string, IDisposable?> InstanceScope =
        LoggerMessage.DefineScope<string, string>("Workflow {WorkflowName} instance {InstanceId}");

    private static readonly Func<ILogger, string, string, int, IDisposable?> ActivityScope =
        LoggerMessage.DefineScope<string, string, int>("Activity {ActivityName} of instance {InstanceId} (task {TaskId})");

    private static readonly Func<ILogger, string, string?, IDisposable?> RequestScope =
        LoggerMessage.DefineScope<string, string?>("Route {Route} trace {TraceId}");

    public static IDisposable? Order(ILogger logger, string orderId) =>
        Tagged("portable.order_id", orderId, OrderScope(logger, orderId));

    public static IDisposable? Sample(ILogger logger, string sampleId) =>
        Tagged("portable.sample_id", sampleId, SampleScope(logger, sampleId));

    public static IDisposable? Device(ILogger logger, string deviceId) =>
        Tagged("portable.device_id", deviceId, DeviceScope(logger, deviceId));

    /// <summary>One orchestration step of a workflow instance.</summary>
    public static IDisposable? Instance(ILogger logger, string workflowName, string instanceId) =>
        Tagged("portable.instance_id", instanceId, InstanceScope(logger, workflowName, instanceId));

    /// <summary>One run of an activity of a workflow instance.</summary>
    public static IDisposable? Activity(ILogger logger, string activityName, string instanceId, int taskId) =>
        Tagged("portable.instance_id", instanceId, ActivityScope(logger, activityName, instanceId, taskId));

    /// <summary>One HTTP request through the route table, with the trace id the host was given or is recording.</summary>
    public static IDisposable? Request(ILogger logger, string route, string? traceId) => RequestScope(logger, route, traceId);

    private static IDisposable? Tagged(string tag, string value, IDisposable? scope)
    {
        System.Diagnostics.Activity.Current?.SetTag(tag, value);
        return scope;
    }
}
