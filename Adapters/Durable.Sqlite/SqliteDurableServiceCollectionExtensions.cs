using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.Sqlite;

public static class SqliteDurableServiceCollectionExtensions
{
    /// <summary>
    /// Stores durable workflows in the SQLite file named by <paramref name="connectionString"/>
    /// (e.g. "Data Source=.data/durable.db"); the schema is created on first use.
    /// </summary>
    public static IServiceCollection AddSqliteOrchestrationStore(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.AddSingleton<IOrchestrationStore>(provider => new SqliteOrchestrationStore(
            connectionString, provider.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
