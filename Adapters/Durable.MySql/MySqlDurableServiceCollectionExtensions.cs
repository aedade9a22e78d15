using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.Migrations;

namespace Portable.Adapters.Durable.MySql;

public static class MySqlDurableServiceCollectionExtensions
{
    /// <summary>The key of the <see cref="MySqlDatabase"/> the durable store uses.</summary>
    public const string DatabaseKey = "durable";

    /// <summary>
    /// Stores durable workflows in the MySQL database of <c>ConnectionStrings:MySql</c> (with the <c>Storage:MySql:*</c>
    /// retry settings): <see cref="IOrchestrationWorkerStore"/> and <see cref="IOrchestrationClientStore"/> on a pool of
    /// their own, sharing the <see cref="MySqlSchema"/> of the stores' database: migrated when the host starts (the
    /// migration service) or at the database's first use, once a process. Pair it with <c>AddDurableRuntime</c>; the host provides logging.
    /// </summary>
    public static IServiceCollection AddMySqlOrchestrationStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddMySqlDatabase(configuration).AddOrchestrationStore();
    }

    /// <inheritdoc cref="AddMySqlOrchestrationStore(IServiceCollection, IConfiguration)"/>
    public static IServiceCollection AddMySqlOrchestrationStore(this IServiceCollection services, MySqlStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return services.AddMySqlDatabase(options).AddOrchestrationStore();
    }

    private static IServiceCollection AddOrchestrationStore(this IServiceCollection services)
    {
        // A pool of its own that skips the reset round trip when a connection is taken: every durable call ends its
        // transaction and restores what session state it set, and one round trip less per claim or commit is a fifth
        // of the throughput. After a server restart a dead pooled connection fails its call, which is retried.
        services.TryAddKeyedSingleton(DatabaseKey, (provider, _) => new MySqlDatabase(
            provider.GetRequiredService<MySqlStorageOptions>() with { ResetPooledConnections = false },
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<MySqlDatabase>>(),
            provider.GetRequiredService<MySqlSchema>()));
        services.TryAddSingleton<IOrchestrationWorkerStore>(provider => new MySqlOrchestrationWorkerStore(
            provider.GetRequiredKeyedService<MySqlDatabase>(DatabaseKey),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<MySqlOrchestrationWorkerStore>>()));
        services.TryAddSingleton<IOrchestrationClientStore>(provider => new MySqlOrchestrationClientStore(
            provider.GetRequiredKeyedService<MySqlDatabase>(DatabaseKey),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
