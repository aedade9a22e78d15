using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.MySql.Migrations;

namespace Portable.Adapters.MySql.Durable;

public static class MySqlDurableServiceCollectionExtensions
{
    /// <summary>
    /// Stores durable workflows in the MySQL database of <c>ConnectionStrings:MySql</c> (with the <c>Storage:MySql:*</c>
    /// retry settings), sharing the <see cref="MySqlDatabase"/> of the other MySQL stores; the schema is migrated when
    /// the host starts and when the worker starts. Pair it with <c>AddDurableRuntime</c>; the host provides logging.
    /// </summary>
    public static IServiceCollection AddMySqlOrchestrationStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddMySqlOrchestrationStore(MySqlStorageOptions.FromConfiguration(configuration));
    }

    /// <inheritdoc cref="AddMySqlOrchestrationStore(IServiceCollection, IConfiguration)"/>
    public static IServiceCollection AddMySqlOrchestrationStore(this IServiceCollection services, MySqlStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton<MySqlDatabase>();
        services.TryAddSingleton<IOrchestrationStore, MySqlOrchestrationStore>();
        services.AddHostedService<MySqlMigrationService>();
        return services;
    }
}
