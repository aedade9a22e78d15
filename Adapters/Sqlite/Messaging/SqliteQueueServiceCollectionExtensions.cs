using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Core.Messaging;

namespace Portable.Adapters.Sqlite.Messaging;

public static class SqliteQueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded queues (<c>Queues:Provider=InProcess</c>) in the SQLite file at <paramref name="path"/>,
    /// the file of the embedded stores when they are registered too (<c>AddSqliteStores</c>).
    /// </summary>
    public static IServiceCollection AddSqliteQueues(this IServiceCollection services, string path, SqliteQueueOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => new SqliteDatabase(path));
        services.TryAddSingleton<IQueueProvider>(provider => new SqliteQueueProvider(
            provider.GetRequiredService<SqliteDatabase>(),
            options ?? new SqliteQueueOptions(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<SqliteQueueProvider>>() ?? NullLogger<SqliteQueueProvider>.Instance));
        return services;
    }
}
