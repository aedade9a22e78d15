using Portable.Operator.Api;
using Portable.Operator.Commands;

namespace Portable.Operator.Smoke;

/// <summary>
/// Removes what a smoke run made that the API can remove: every workflow instance it started (its orders, its samples'
/// checks and their notifications, found by the run's id), terminated first if one is somehow still running, then
/// purged. Error logs, order rows and sample verdicts stay: no route deletes them; the run's id names them.
/// </summary>
internal static class SmokeCleanup
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static Task RunAsync(SmokeSession session, SmokeSteps steps, string instancePrefix, CancellationToken cancellationToken) =>
        steps.RunAsync("cleanup: purge every instance the run started", async () =>
        {
            var ids = session.Started.ToList();
            var (page, _) = await session.Management.ListAsync(new InstanceQuery { InstanceIdPrefix = instancePrefix, Top = 1000 }, null, cancellationToken);
            ids.AddRange(page.Select(InstanceText.Id).Where(id => id.Length > 0 && !ids.Contains(id)));
            var terminated = 0;
            foreach (var id in ids)
            {
                if (await EndAsync(session.Management, id, cancellationToken))
                {
                    terminated++;
                }

                await session.Management.PurgeAsync(id, cancellationToken);
            }

            return $"{ids.Count} purged{(terminated > 0 ? $" ({terminated} terminated first)" : "")}; error logs, order rows and verdicts of {session.RunId} stay (no route deletes them)";
        }, cancellationToken);

    /// <summary>Terminates an instance that has not ended and waits until it has; true when it had to.</summary>
    private static async Task<bool> EndAsync(ManagementClient management, string id, CancellationToken cancellationToken)
    {
        var status = InstanceText.Status(await management.GetAsync(id, showHistory: false, cancellationToken));
        if (RuntimeStatuses.HasEnded(status))
        {
            return false;
        }

        await management.ControlAsync(id, "terminate", "smoke test cleanup", cancellationToken);
        while (!RuntimeStatuses.HasEnded(InstanceText.Status(await management.GetAsync(id, showHistory: false, cancellationToken))))
        {
            await Task.Delay(PollInterval, cancellationToken);
        }

        return true;
    }
}
