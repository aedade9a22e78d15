using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Portable.Adapters.MySql.ErrorLogs;
using Portable.Adapters.MySql.Migrations;
using Portable.Core.ErrorLogs;

namespace Portable.Adapters.MySql;

public static class MySqlServiceCollectionExtensions
{
    /// <summary>
    /// Registers the MySQL stores (<see cref="IErrorLogStore"/>: <see cref="MySqlErrorLogStore"/> behind a
    /// <see cref="CoalescingErrorLogStore"/>), the <see cref="MySqlDatabase"/> they share, and the hosted service
    /// that migrates the schema at start. Reads <c>ConnectionStrings:MySql</c>, <c>Storage:MySql:*</c> and
    /// <c>ErrorLogs:Coalescing:*</c>. The host provides logging.
    /// </summary>
    public static IServiceCollection AddMySqlStorage(this IServiceCollection services, IConfiguration configuration)
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
        services.AddHostedService<MySqlMigrationService>();
        return services;
    }
}
