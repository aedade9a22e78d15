namespace Portable.Core.Telemetry;

/// <summary>
/// Runs a store call inside its span (see <see cref="PortableTelemetry.StartStoreCall"/>); without listeners, just
/// runs it, returning its own task: no state machine is added to every store call of a host that records no traces.
/// </summary>
internal static class StoreCalls
{
    public static Task<T> TraceAsync<T>(string store, string operation, Func<Task<T>> call) =>
        PortableTelemetry.Source.HasListeners() ? TracedAsync(store, operation, call) : call();

    public static Task TraceAsync(string store, string operation, Func<Task> call) =>
        PortableTelemetry.Source.HasListeners()
            ? TracedAsync(store, operation, async () =>
            {
                await call();
                return true;
            })
            : call();

    private static async Task<T> TracedAsync<T>(string store, string operation, Func<Task<T>> call)
    {
        using var activity = PortableTelemetry.StartStoreCall(store, operation);
        try
        {
            return await call();
        }
        catch (Exception exception)
        {
            PortableTelemetry.Fail(activity, exception);
            throw;
        }
    }
}
