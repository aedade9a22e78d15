using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>
/// The custom runtime's loop: <c>next</c>, run, then <c>response</c> or <c>error</c>, until shutdown.
/// A handler's exception fails only its own invocation; a Runtime API failure ends the process, and
/// Lambda starts a fresh one. The loop owns the thread that calls <see cref="Run"/>: it blocks on the Runtime API and on
/// each invocation in turn, one at a time as Lambda hands them out; the handlers' own awaits continue on the thread pool.
/// </summary>
public sealed partial class LambdaRuntime(RuntimeApiClient client, InvocationRunner runner, ILogger<LambdaRuntime> logger)
{
    public void Run(CancellationToken stopping)
    {
        while (true)
        {
            Invocation invocation;
            try
            {
                invocation = client.Next(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            Invoke(invocation, stopping);
        }
    }

    private void Invoke(Invocation invocation, CancellationToken stopping)
    {
        byte[] payload;
        try
        {
            // No synchronization context here: waiting on the handler's task cannot deadlock its continuations.
            payload = runner.RunAsync(invocation, stopping).GetAwaiter().GetResult();
        }
        catch (Exception exception)
        {
            LogFailed(logger, invocation.RequestId, exception);

            // Posted even while stopping: Lambda is waiting for this invocation's outcome.
            client.SendError(invocation.RequestId, RuntimeError.From(exception), "Function." + exception.GetType().Name, CancellationToken.None);
            return;
        }

        if (!client.SendResponse(invocation.RequestId, payload, CancellationToken.None))
        {
            LogTooLarge(logger, invocation.RequestId, payload.Length);
            var error = new RuntimeError($"The response of {payload.Length} bytes is larger than Lambda accepts.", "ResponseSizeTooLarge", []);
            client.SendError(invocation.RequestId, error, "Function.ResponseSizeTooLarge", CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {AwsRequestId} failed")]
    private static partial void LogFailed(ILogger logger, string awsRequestId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {AwsRequestId}: Lambda refused the response of {ResponseBytes} bytes as too large")]
    private static partial void LogTooLarge(ILogger logger, string awsRequestId, int responseBytes);
}
