using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portable.Adapters.Sqlite.ErrorLogs;
using Portable.Adapters.Sqlite.Orders;
using Portable.Adapters.Sqlite.Quality;
using Portable.Core.ErrorLogs;
using Portable.Core.Idempotency;
using Portable.Core.Orders;
using Portable.Core.Quality;

namespace Portable.Adapters.Sqlite;

public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers Core's stores (error logs, orders, payments, quality verdicts, the idempotency key sweep's deletes) in one SQLite file at
    /// <paramref name="path"/>, whose folder is created when missing; each store creates its tables when first built.
    /// The embedded queues (<c>AddSqliteQueues</c>) share the file.
    /// </summary>
    public static IServiceCollection AddSqliteStores(this IServiceCollection services, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        services.TryAddSingleton(_ => new SqliteDatabase(path));
        services.TryAddSingleton<SqliteErrorLogStore>();
        services.TryAddSingleton<IErrorLogStore>(provider => provider.GetRequiredService<SqliteErrorLogStore>());
        services.TryAddSingleton<IIdempotentErrorLogStore>(provider => provider.GetRequiredService<SqliteErrorLogStore>());
        services.TryAddSingleton<IOrderStore, SqliteOrderStore>();
        services.TryAddSingleton<IPaymentLedger, SqlitePaymentLedger>();
        services.TryAddSingleton<SqliteQualityStore>();
        services.TryAddSingleton<IQualityStore>(provider => provider.GetRequiredService<SqliteQualityStore>());
        services.TryAddSingleton<IQualityReadings>(provider => provider.GetRequiredService<SqliteQualityStore>());
        services.TryAddSingleton<IErrorLogReadings>(provider => provider.GetRequiredService<SqliteErrorLogStore>());
        services.TryAddSingleton<IExpiredKeyStore>(provider => new SqliteExpiredKeyStore(provider.GetRequiredService<SqliteDatabase>()));
        return services;
    }
}
