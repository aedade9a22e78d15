using Microsoft.DurableTask.Client;

namespace Portable.Functions.Durable;

/// <summary>
/// The <see cref="DurableTaskClient"/> of the running invocation. Functions hands the client out only as a
/// <c>[DurableClient]</c> binding, while Core's services (some of them singletons) take an
/// <see cref="Core.Workflows.IWorkflowClient"/>: each trigger enters its bound client here and
/// <see cref="DurableWorkflowClient"/> reads it.
/// </summary>
public static class DurableClientScope
{
    private static readonly AsyncLocal<DurableTaskClient?> CurrentClient = new();

    public static DurableTaskClient Current => CurrentClient.Value
        ?? throw new InvalidOperationException("No durable client is bound to this invocation: add a [DurableClient] DurableTaskClient parameter to the function and enter it with DurableClientScope.Enter.");

    public static IDisposable Enter(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var previous = CurrentClient.Value;
        CurrentClient.Value = client;
        return new Exit(previous);
    }

    private sealed class Exit(DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => CurrentClient.Value = previous;
    }
}
