using Microsoft.Extensions.Logging;
using Portable.Adapters.Telemetry;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>
/// Runs one invocation through the chosen handler, for the custom runtime's loop and the managed
/// runtime's stream handlers alike: a log scope with the request and trace ids, the
/// trace header in <c>_X_AMZN_TRACE_ID</c>, a token that fires a safety margin before the deadline once the handler waits, and, when
/// telemetry is exported, a bounded flush of the spans before the answer goes back.
/// </summary>
/// <param name="logScopes">The scopes the loggers write, on which the invocation's request and trace ids are pushed.</param>
/// <param name="flush">Exports buffered spans before the runner returns, when telemetry is on: Lambda may freeze the process
/// as soon as the response is posted.</param>
public sealed partial class InvocationRunner(
    ILambdaHandler handler, LambdaOptions options, TimeProvider time, ILogger<InvocationRunner> logger, IExternalScopeProvider logScopes,
    TelemetryFlush? flush = null)
{
    public async Task<byte[]> RunAsync(Invocation invocation, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        Environment.SetEnvironmentVariable(RuntimeHeaders.TraceEnvironmentVariable, invocation.TraceId);
        using var logScope = logScopes.Push(new InvocationLogScope(invocation.RequestId, invocation.TraceId));
        var stopAt = invocation.Deadline == DateTimeOffset.MaxValue ? DateTimeOffset.MaxValue : invocation.Deadline - options.DeadlineMargin;
        // A source made with a clock makes its timer at once, and the system clock's timer queue measures the processor
        // number lookup at its first use (0.3 ms of a native cold start): on that clock, a plain source, timed when armed.
        using var deadline = time == TimeProvider.System ? new CancellationTokenSource() : new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        if (stopAt <= time.GetUtcNow())
        {
            deadline.Cancel();
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        var started = time.GetTimestamp();
        try
        {
            var handling = handler.HandleAsync(invocation.Event, new InvocationContext(invocation, stopAt, time), linked.Token);

            // The deadline's timer starts when the handler first waits: most API requests answer without waiting, and the
            // process's first timer starts the runtime's timer thread (about 1.5 ms of a native cold start). What a handler
            // does before its first wait is not timed; it could only have seen the deadline by checking the token itself.
            if (!handling.IsCompleted && stopAt != DateTimeOffset.MaxValue)
            {
                deadline.CancelAfter(Clamp(stopAt - time.GetUtcNow()));
            }

            var response = await handling;
            LogCompleted(logger, time.GetElapsedTime(started).TotalMilliseconds, response.Length);
            return response;
        }
        finally
        {
            Flush(invocation.Deadline);
        }
    }

    /// <summary>Within the flush bound and before the invocation's own deadline, whatever the handler's outcome.</summary>
    private void Flush(DateTimeOffset deadline)
    {
        if (flush is not null && !flush.ForceFlush(deadline == DateTimeOffset.MaxValue ? TimeSpan.MaxValue : deadline - time.GetUtcNow()))
        {
            LogFlushIncomplete(logger);
        }
    }

    /// <summary>Between now and what a timer takes; Lambda's longest timeout is 15 minutes anyway.</summary>
    private static TimeSpan Clamp(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : delay;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Buffered spans were not exported before the invocation's answer; they go with a later export")]
    private static partial void LogFlushIncomplete(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Invocation handled in {ElapsedMs:F1} ms; response of {ResponseBytes} bytes")]
    private static partial void LogCompleted(ILogger logger, double elapsedMs, int responseBytes);
}
