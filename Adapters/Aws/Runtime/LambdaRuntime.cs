using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>
/// The custom runtime's loop: <c>next</c>, run, then <c>response</c> or <c>error</c>, until shutdown.
/// A handler's exception fails only its own invocation; a Runtime API failure ends the process, and
/// Lambda starts a fresh one.
/// </summary>
public sealed partial class LambdaRuntime(RuntimeApiClient client, InvocationRunner runner, ILogger<LambdaRuntime> logger)
{
    public async Task RunAsync(CancellationToken stopping)
    {
        while (true)
        {
            Invocation invocation;
            try
            {
                invocation = await client.NextAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }

            await InvokeAsync(invocation, stopping);
        }
    }

    private async Task InvokeAsync(Invocation invocation, CancellationToken stopping)
    {
        byte[] payload;
        try
        {
            payload = await runner.RunAsync(invocation, stopping);
        }
        catch (Exception exception)
        {
            LogFailed(logger, invocation.RequestId, exception);

            // Posted even while stopping: Lambda is waiting for this invocation's outcome.
            await client.SendErrorAsync(invocation.RequestId, RuntimeError.From(exception), "Function." + exception.GetType().Name, CancellationToken.None);
            return;
        }

        if (!await client.SendResponseAsync(invocation.RequestId, payload, CancellationToken.None))
        {
            LogTooLarge(logger, invocation.RequestId, payload.Length);
            var error = new RuntimeError($"The response of {payload.Length} bytes is larger than Lambda accepts.", "ResponseSizeTooLarge", []);
            await client.SendErrorAsync(invocation.RequestId, error, "Function.ResponseSizeTooLarge", CancellationToken.None);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {AwsRequestId} failed")]
    private static partial void LogFailed(ILogger logger, string awsRequestId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {AwsRequestId}: Lambda refused the response of {ResponseBytes} bytes as too large")]
    private static partial void LogTooLarge(ILogger logger, string awsRequestId, int responseBytes);
}
