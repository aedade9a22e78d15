using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.Worker;

/// <summary>Keeps the leases of long activities alive until they finish: renews those still running every third of the lease.</summary>
internal sealed class ActivityLeaseRenewal(
    IOrchestrationWorkerStore store, IOptions<DurableOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
{
    private readonly DurableOptions _options = options.Value;
    private readonly ILogger _logger = loggerFactory.CreateLogger(DurableLog.Category);

    /// <summary>Renews the leases of the activities <paramref name="running"/> returns, until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(Func<IReadOnlyCollection<ActivityWorkItem>> running, CancellationToken cancellationToken)
    {
        var period = _options.ActivityLeaseDuration / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(period, time, cancellationToken);
                long[] ids = [.. running().Select(activity => activity.Id)];
                if (ids.Length > 0)
                {
                    await store.RenewActivityLeasesAsync(_options.WorkerId, ids, _options.ActivityLeaseDuration, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                DurableLog.PollFailed(_logger, exception);
            }
        }
    }
}
