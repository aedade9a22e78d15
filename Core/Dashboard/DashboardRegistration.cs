using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portable.Core.ErrorLogs;
using Portable.Core.Orders;
using Portable.Core.Settings;
using Portable.Core.Workflows;

namespace Portable.Core.Dashboard;

public static class DashboardRegistration
{
    /// <summary>
    /// Serves the dashboard from this host: its routes join the route table. What they read is built on the first
    /// dashboard request, never when the route table is.
    /// </summary>
    /// <param name="routePrefix">The host's route prefix of the public API, once the host's services exist.</param>
    /// <param name="servedUnder">The path below which the host serves the dashboard's routes (see <see cref="DashboardServices.ServedUnder"/>).</param>
    /// <param name="apiReference">The path of the host's API reference page, if it serves one (see <see cref="DashboardServices.ApiReference"/>).</param>
    public static IServiceCollection AddDashboard(
        this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string> routePrefix, string servedUnder = "", string? apiReference = null)
    {
        ArgumentNullException.ThrowIfNull(routePrefix);
        services.TryAddSingleton<OperationsCharts>();
        ArgumentNullException.ThrowIfNull(configuration);

        // Bound and checked on first use; a host that wants a bad setting to stop it at start binds them first with ValidateAtStart.
        services.TryAddSingleton(_ => (configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions()).ThrowIfInvalid());
        services.TryAddSingleton(provider => new DashboardEndpoints(new Lazy<DashboardServices>(() => new DashboardServices(
            provider.GetRequiredService<IWorkflowClient>(),
            provider.GetRequiredService<IOrderStore>(),
            provider.GetRequiredService<IErrorLogStore>(),
            provider.GetRequiredService<OperationsCharts>(),
            provider.GetRequiredService<OrderCancellation>(),
            provider.GetRequiredService<DashboardOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            routePrefix(provider),
            servedUnder,
            apiReference))));
        return services;
    }
}
