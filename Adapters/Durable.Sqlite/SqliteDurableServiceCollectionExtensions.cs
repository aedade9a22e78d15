using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.Sqlite;

public static class SqliteDurableServiceCollectionExtensions
{
    /// <summary>
    /// Stores durable workflows in the SQLite file named by <paramref name="connectionString"/>
    /// (e.g. "Data Source=.data/durable.db"): <see cref="IOrchestrationWorkerStore"/> and
    /// <see cref="IOrchestrationClientStore"/> over one database, whose writes queue on one connection. The schema is
    /// created when the host starts, or else on first use. When a commit reaches the disk is
    /// <paramref name="synchronous"/>, else the configuration's <c>Durable:Sqlite:Synchronous</c> (<c>Normal</c> or
    /// <c>Full</c>), else <see cref="SqliteSynchronous.Normal"/>.
    /// </summary>
    public static IServiceCollection AddSqliteOrchestrationStore(
        this IServiceCollection services, string connectionString, SqliteSynchronous? synchronous = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.AddSingleton(provider => new SqliteDatabase(connectionString, synchronous ?? Configured(provider)));
        services.AddSingleton<IOrchestrationWorkerStore>(provider => new SqliteOrchestrationWorkerStore(
            provider.GetRequiredService<SqliteDatabase>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IOrchestrationClientStore>(provider => new SqliteOrchestrationClientStore(
            provider.GetRequiredService<SqliteDatabase>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddDurableStoreSetUp();
        return services;
    }

    /// <summary>The host's setting; a value that is neither mode stops the store's first use, naming the key.</summary>
    private static SqliteSynchronous Configured(IServiceProvider provider)
    {
        const string Key = "Durable:Sqlite:Synchronous";
        var value = provider.GetService<IConfiguration>()?[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return SqliteSynchronous.Normal;
        }

        return Enum.TryParse<SqliteSynchronous>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new InvalidOperationException($"{Key} must be Normal or Full, not '{value}'.");
    }
}
