namespace Portable.Adapters.Aws.Runtime;

/// <summary>What a handler knows about its invocation besides the event: who it is, and how much time is left.</summary>
public sealed class InvocationContext(Invocation invocation, DateTimeOffset stopAt, TimeProvider time)
{
    public string RequestId => invocation.RequestId;

    public string? TraceId => invocation.TraceId;

    public string? FunctionArn => invocation.FunctionArn;

    /// <summary>Lambda's deadline for this invocation.</summary>
    public DateTimeOffset Deadline => invocation.Deadline;

    /// <summary>When the invocation's cancellation token fires: the deadline less the safety margin.</summary>
    public DateTimeOffset StopAt => stopAt;

    /// <summary>Time left before the cancellation token fires; work that cannot finish in it should not start.</summary>
    public TimeSpan Remaining => stopAt == DateTimeOffset.MaxValue ? TimeSpan.MaxValue : stopAt - time.GetUtcNow();
}
