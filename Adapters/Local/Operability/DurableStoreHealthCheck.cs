using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portable.Core.Workflows;

namespace Portable.Adapters.Local.Operability;

/// <summary>Ready when the workflow runtime's store answers a one-instance query.</summary>
internal sealed class DurableStoreHealthCheck(IWorkflowClient workflows) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // WaitAsync: the check's own timeout holds even when a driver does not give up on a hung server at once.
            await workflows.QueryAsync(new WorkflowQuery { PageSize = 1 }, cancellationToken).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("The durable store answers.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The durable store did not answer.", exception);
        }
    }
}
