using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>
/// Runs one invocation through the chosen handler, for the custom runtime's loop and the managed
/// runtime's stream handlers alike: a log scope with the request and trace ids, the
/// trace header in <c>_X_AMZN_TRACE_ID</c>, and a token that fires a safety margin before the deadline.
/// </summary>
public sealed partial class InvocationRunner(ILambdaHandler handler, LambdaOptions options, TimeProvider time, ILogger<InvocationRunner> logger)
{
    private static readonly Func<ILogger, string, string?, IDisposable?> InvocationScope =
        LoggerMessage.DefineScope<string, string?>("Invocation {AwsRequestId} trace {TraceId}");

    public async Task<byte[]> RunAsync(Invocation invocation, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        Environment.SetEnvironmentVariable(RuntimeHeaders.TraceEnvironmentVariable, invocation.TraceId);
        using var logScope = InvocationScope(logger, invocation.RequestId, invocation.TraceId);
        var stopAt = invocation.Deadline == DateTimeOffset.MaxValue ? DateTimeOffset.MaxValue : invocation.Deadline - options.DeadlineMargin;
        using var deadline = DeadlineSource(stopAt);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
        var started = time.GetTimestamp();
        var response = await handler.HandleAsync(invocation.Event, new InvocationContext(invocation, stopAt, time), linked.Token);
        LogCompleted(logger, time.GetElapsedTime(started).TotalMilliseconds, response.Length);
        return response;
    }

    private CancellationTokenSource DeadlineSource(DateTimeOffset stopAt)
    {
        if (stopAt == DateTimeOffset.MaxValue)
        {
            return new CancellationTokenSource();
        }

        var delay = stopAt - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            var expired = new CancellationTokenSource();
            expired.Cancel();
            return expired;
        }

        // Clamped to what a timer takes; Lambda's longest timeout is 15 minutes anyway.
        return new CancellationTokenSource(delay > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : delay, time);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Invocation handled in {ElapsedMs:F1} ms; response of {ResponseBytes} bytes")]
    private static partial void LogCompleted(ILogger logger, double elapsedMs, int responseBytes);
}
