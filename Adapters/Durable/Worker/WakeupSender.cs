using Microsoft.Extensions.Logging;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.Worker;

/// <summary>Sends the wake-ups of a commit through <see cref="IDurableWakeups"/>; a failure only delays the work until a poll or sweep finds it.</summary>
internal sealed class WakeupSender(IDurableWakeups wakeups, ILoggerFactory loggerFactory)
{
    private readonly ILogger _logger = loggerFactory.CreateLogger(DurableLog.Category);

    /// <summary>The instances that stored results have a new inbox message each.</summary>
    public static List<DurableWakeup> ForStoredResults(IReadOnlyList<ActivityResult> results, IReadOnlyList<bool> stored) =>
        [.. results.Where((_, index) => stored[index])
            .Select(result => new DurableWakeup(result.Activity.InstanceId, DurableWork.Orchestration))];

    public async Task SendAsync(IReadOnlyList<DurableWakeup> hints)
    {
        if (hints.Count == 0)
        {
            return;
        }

        try
        {
            await wakeups.WakeAsync(DurableWakeup.Coalesce(hints), CancellationToken.None);
        }
        catch (Exception exception)
        {
            DurableLog.WakeupFailed(_logger, exception);
        }
    }
}
