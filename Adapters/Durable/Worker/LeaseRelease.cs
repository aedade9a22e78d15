using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Durable.Worker;

/// <summary>Gives a lease back so that the work runs again at once; when that fails the lease simply expires.</summary>
internal static class LeaseRelease
{
    public static async Task RunAsync(Func<Task> release, ILogger logger)
    {
        try
        {
            await release();
        }
        catch (Exception exception)
        {
            DurableLog.PollFailed(logger, exception);
        }
    }
}
