using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Core.Messaging;

namespace Portable.Adapters.Sqlite.Messaging;

public static class SqliteQueueServiceCollectionExtensions
{
    /// <summary>Registers the embedded queues (<c>Queues:Provider=InProcess</c>) in the <see cref="SqliteDatabase"/> the host registers.</summary>
    public static IServiceCollection AddSqliteQueues(this IServiceCollection services, SqliteQueueOptions? options = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IQueueProvider>(provider => new SqliteQueueProvider(
            provider.GetRequiredService<SqliteDatabase>(),
            options ?? new SqliteQueueOptions(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<SqliteQueueProvider>>() ?? NullLogger<SqliteQueueProvider>.Instance));
        return services;
    }
}
