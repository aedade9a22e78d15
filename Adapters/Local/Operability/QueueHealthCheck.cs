using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portable.Core.Messaging;

namespace Portable.Adapters.Local.Operability;

/// <summary>
/// Ready when every queue of the system answers. The probe extends the visibility of a receipt that matches no
/// message: the queue port promises that such a call does nothing, yet it is a real round trip to the provider
/// (the SQLite queue table, or SQS with its queue URL resolved), and it neither takes nor hides a message.
/// </summary>
internal sealed class QueueHealthCheck(IQueueProvider queues) : IHealthCheck
{
    private static readonly ReceivedMessage Probe = new("health-probe", "", "0.health-probe", 1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        foreach (var name in QueueNames.All)
        {
            try
            {
                await queues.GetQueue(name).ExtendVisibilityAsync(Probe, TimeSpan.FromSeconds(1), cancellationToken).WaitAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"Queue {name} did not answer.", exception);
            }
        }

        return HealthCheckResult.Healthy($"{QueueNames.All.Count} queues answer.");
    }
}
