using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Portable.Adapters.MySql.ErrorLogs;
using Portable.Adapters.MySql.Migrations;
using Portable.Adapters.MySql.Orders;
using Portable.Adapters.MySql.Quality;
using Portable.Core.ErrorLogs;
using Portable.Core.Orders;
using Portable.Core.Quality;

namespace Portable.Adapters.MySql;

public static class MySqlServiceCollectionExtensions
{
    /// <summary>
    /// Registers the MySQL stores of <c>Core</c> (<see cref="IErrorLogStore"/>: <see cref="MySqlErrorLogStore"/> behind a
    /// <see cref="CoalescingErrorLogStore"/>; <see cref="IOrderStore"/>, <see cref="IPaymentLedger"/> and
    /// <see cref="IQualityStore"/>), the <see cref="MySqlDatabase"/> they share, and the hosted service that migrates
    /// the schema at start. Reads <c>ConnectionStrings:MySql</c>, <c>Storage:MySql:*</c> and <c>ErrorLogs:Coalescing:*</c>.
    /// The host provides logging; durable workflows are added apart, with <c>AddMySqlOrchestrationStore</c>.
    /// </summary>
    public static IServiceCollection AddMySqlStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(MySqlStorageOptions.FromConfiguration(configuration));
        services.TryAddSingleton<MySqlDatabase>();
        services.TryAddSingleton<MySqlErrorLogStore>();
        services.TryAddSingleton(CoalescingOptions.FromConfiguration(configuration));
        services.TryAddSingleton<IErrorLogStore>(provider => new CoalescingErrorLogStore(
            provider.GetRequiredService<MySqlErrorLogStore>(),
            provider.GetRequiredService<CoalescingOptions>(),
            provider.GetRequiredService<ILogger<CoalescingErrorLogStore>>()));
        services.TryAddSingleton<IOrderStore, MySqlOrderStore>();
        services.TryAddSingleton<IPaymentLedger, MySqlPaymentLedger>();
        services.TryAddSingleton<IQualityStore, MySqlQualityStore>();
        services.AddHostedService<MySqlMigrationService>();
        return services;
    }
}
