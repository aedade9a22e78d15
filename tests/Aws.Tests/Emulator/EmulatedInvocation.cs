using System.Diagnostics;

namespace Portable.Aws.Tests.Emulator;

/// <summary>One event queued on the <see cref="RuntimeApiEmulator"/>, and what the runtime made of it.</summary>
public sealed class EmulatedInvocation(string requestId, string eventJson, TimeSpan timeout, string? traceId)
{
    private readonly TaskCompletionSource<InvocationOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RequestId => requestId;

    public string EventJson => eventJson;

    public TimeSpan Timeout => timeout;

    public string? TraceId => traceId;

    /// <summary>The <see cref="Stopwatch"/> timestamp of the runtime's <c>next</c> that took it.</summary>
    public long? HandedOutAt { get; internal set; }

    public Task<InvocationOutcome> Outcome => _outcome.Task;

    internal bool Complete(InvocationOutcome outcome) => _outcome.TrySetResult(outcome);
}
