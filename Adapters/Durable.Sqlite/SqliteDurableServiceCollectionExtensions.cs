using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.Sqlite;

public static class SqliteDurableServiceCollectionExtensions
{
    /// <summary>
    /// Stores durable workflows in the SQLite file named by <paramref name="connectionString"/>
    /// (e.g. "Data Source=.data/durable.db"): <see cref="IOrchestrationWorkerStore"/> and
    /// <see cref="IOrchestrationClientStore"/> over one database, whose writes queue on one connection. The schema is
    /// created on first use.
    /// </summary>
    public static IServiceCollection AddSqliteOrchestrationStore(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.AddSingleton(_ => new SqliteDatabase(connectionString));
        services.AddSingleton<IOrchestrationWorkerStore>(provider => new SqliteOrchestrationWorkerStore(
            provider.GetRequiredService<SqliteDatabase>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IOrchestrationClientStore>(provider => new SqliteOrchestrationClientStore(
            provider.GetRequiredService<SqliteDatabase>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
