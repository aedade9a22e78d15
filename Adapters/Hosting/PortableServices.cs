using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Sqlite.ErrorLogs;
using Portable.Adapters.Sqlite.Orders;
using Portable.Adapters.Sqlite.Quality;
using Portable.Adapters.Sqlite;
using Portable.Core.ErrorLogs;
using Portable.Core.Observations;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core;

namespace Portable.Adapters.Hosting;

/// <summary>Every host's composition: Core's services on the stores and queues chosen by configuration.</summary>
public static class PortableServices
{
    /// <summary>Registers the system; relative store paths are taken from <paramref name="contentRoot"/>.</summary>
    public static IServiceCollection AddPortableSystem(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddPortableCore(configuration);

        services.AddSingleton(_ => new SqliteDatabase(Path.Combine(contentRoot, configuration["Storage:Sqlite:Path"] ?? ".data/app.db")));
        services.AddSingleton<IErrorLogStore, SqliteErrorLogStore>();
        services.AddSingleton<IOrderStore, SqliteOrderStore>();
        services.AddSingleton<IPaymentLedger, SqlitePaymentLedger>();
        services.AddSingleton<IQualityStore, SqliteQualityStore>();

        services.AddSingleton(OrderOptions.FromConfiguration(configuration));
        services.AddSingleton<IPaymentGateway, SimulatedPaymentGateway>();

        var notifier = QualityNotifierOptions.FromConfiguration(configuration);
        services.AddSingleton(notifier);
        services.AddSingleton<IQualityNotifier>(_ => new WebhookNotifier(
            new HttpClient { Timeout = notifier.Timeout },
            notifier.WebhookUrl ?? throw new InvalidOperationException("Quality:Notifier:WebhookUrl is not set.")));
        services.AddSingleton<SampleIntake>();

        // Built on first use, so a host without an upstream configured still serves everything else.
        services.AddSingleton(_ => ObservationsOptions.FromConfiguration(configuration));
        services.AddSingleton(provider => new ClientCredentialsTokenSource(
            new HttpClient(), provider.GetRequiredService<ObservationsOptions>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ClientCredentialsTokenSource>>()));
        services.AddSingleton(provider => new ObservationsService(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, provider.GetRequiredService<ClientCredentialsTokenSource>(),
            provider.GetRequiredService<ObservationsOptions>(), provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<ObservationsService>>()));
        return services;
    }
}
