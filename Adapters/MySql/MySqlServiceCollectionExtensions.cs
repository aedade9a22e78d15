using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Portable.Adapters.MySql.ErrorLogs;
using Portable.Adapters.MySql.Migrations;
using Portable.Adapters.MySql.Orders;
using Portable.Adapters.MySql.Quality;
using Portable.Core.ErrorLogs;
using Portable.Core.Idempotency;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Settings;

namespace Portable.Adapters.MySql;

public static class MySqlServiceCollectionExtensions
{
    /// <summary>
    /// Registers the MySQL stores of <c>Core</c> (<see cref="IErrorLogStore"/>: <see cref="MySqlErrorLogStore"/> behind a
    /// <see cref="CoalescingErrorLogStore"/>; <see cref="IOrderStore"/>, <see cref="IPaymentLedger"/> and
    /// <see cref="IQualityStore"/>, and the idempotency key sweep's <see cref="IExpiredKeyStore"/>), the <see cref="MySqlDatabase"/> they share, and the hosted service that migrates
    /// the schema at start. Reads <c>ConnectionStrings:MySql</c>, <c>Storage:MySql:*</c> and <c>ErrorLogs:Coalescing:*</c>,
    /// checked when the host starts. The host provides logging; durable workflows are added apart.
    /// </summary>
    public static IServiceCollection AddMySqlStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMySqlDatabase(configuration);
        // Factories, not constructor lookups: a function's cold start builds these, and under native AOT the container's
        // reflection over constructors is slow.
        services.TryAddSingleton(provider => new MySqlErrorLogStore(provider.GetRequiredService<MySqlDatabase>()));
        services.TryAddSingleton<IIdempotentErrorLogStore>(provider => provider.GetRequiredService<MySqlErrorLogStore>());
        services.AddSettings(() => configuration.GetSection(CoalescingOptions.Section).Get<CoalescingOptions>() ?? new CoalescingOptions());
        services.TryAddSingleton<IErrorLogStore>(provider => new CoalescingErrorLogStore(
            provider.GetRequiredService<MySqlErrorLogStore>(),
            provider.GetRequiredService<CoalescingOptions>(),
            provider.GetRequiredService<ILogger<CoalescingErrorLogStore>>()));
        services.TryAddSingleton<IOrderStore>(provider => new MySqlOrderStore(provider.GetRequiredService<MySqlDatabase>()));
        services.TryAddSingleton<IPaymentLedger>(provider => new MySqlPaymentLedger(provider.GetRequiredService<MySqlDatabase>()));
        services.TryAddSingleton(provider => new MySqlQualityStore(provider.GetRequiredService<MySqlDatabase>()));
        services.TryAddSingleton<IQualityStore>(provider => provider.GetRequiredService<MySqlQualityStore>());
        services.TryAddSingleton<IQualityReadings>(provider => provider.GetRequiredService<MySqlQualityStore>());
        services.TryAddSingleton<IErrorLogReadings>(provider => new MySqlErrorLogReadings(provider.GetRequiredService<MySqlDatabase>()));
        services.TryAddSingleton<IExpiredKeyStore>(provider => new MySqlExpiredKeyStore(provider.GetRequiredService<MySqlDatabase>()));
        return services;
    }

    /// <summary>
    /// The <see cref="MySqlDatabase"/> of <c>ConnectionStrings:MySql</c> with its <see cref="MySqlStorageOptions"/>
    /// (<c>Storage:MySql:*</c>) and <see cref="MySqlSchema"/>, and the schema migration when the host starts (a host that
    /// starts no hosted services has the schema checked at the database's first use). Every MySQL part of a host shares them.
    /// </summary>
    public static IServiceCollection AddMySqlDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(service => service.ServiceType == typeof(MySqlDatabase)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings(() =>
        {
            var options = configuration.GetSection(MySqlStorageOptions.Section).Get<MySqlStorageOptions>() ?? new MySqlStorageOptions();
            options.ConnectionString = configuration.GetConnectionString("MySql") ?? "";
            return options;
        });
        return services.AddDatabaseAndSchema();
    }

    /// <inheritdoc cref="AddMySqlDatabase(IServiceCollection, IConfiguration)"/>
    public static IServiceCollection AddMySqlDatabase(this IServiceCollection services, MySqlStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        return services.AddDatabaseAndSchema();
    }

    private static IServiceCollection AddDatabaseAndSchema(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => new MySqlSchema(
            provider.GetRequiredService<MySqlStorageOptions>(), provider.GetRequiredService<ILogger<MySqlSchema>>()));
        services.TryAddSingleton(provider => new MySqlDatabase(
            provider.GetRequiredService<MySqlStorageOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<MySqlDatabase>>(),
            provider.GetRequiredService<MySqlSchema>()));
        services.AddHostedService<MySqlMigrationService>();
        return services;
    }
}
