using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portable.Core.ErrorLogs;
using Portable.Core.Orders;
using Portable.Core.Quality;

namespace Portable.Adapters.Local.Operability;

/// <summary>Ready when each application store answers a read, whichever database the configuration chose for it.</summary>
internal sealed class StoreHealthCheck(IOrderStore orders, IQualityStore quality, IErrorLogStore errorLogs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // WaitAsync: the check's own timeout holds even when a driver does not give up on a hung server at once.
            await orders.GetAsync(OrderId.FromSequence(OrderId.MaxSequence), cancellationToken).WaitAsync(cancellationToken);
            await quality.GetAsync("health-probe", cancellationToken).WaitAsync(cancellationToken);
            await errorLogs.RecentAsync(null, 1, cancellationToken).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("The order, quality and error-log stores answer.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("A store did not answer.", exception);
        }
    }
}
