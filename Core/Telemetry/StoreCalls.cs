namespace Portable.Core.Telemetry;

/// <summary>Runs a store call inside its span (see <see cref="PortableTelemetry.StartStoreCall"/>); without listeners, just runs it.</summary>
internal static class StoreCalls
{
    public static async Task<T> TraceAsync<T>(string store, string operation, Func<Task<T>> call)
    {
        if (!PortableTelemetry.Source.HasListeners())
        {
            return await call();
        }

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

    public static Task TraceAsync(string store, string operation, Func<Task> call) =>
        TraceAsync(store, operation, async () =>
        {
            await call();
            return true;
        });
}
