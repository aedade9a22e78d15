using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core;
using Portable.Core.ErrorLogs;
using Portable.Core.Http;
using Portable.Core.Messaging;
using Portable.Core.Metadata;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows;

namespace Portable.Tests.Support;

/// <summary>
/// The system's route table as <c>AddPortableCore</c> registers it, over ports no test route calls: the stores, the
/// queues and the workflow client answer every call with <see cref="NotSupportedException"/>. For what the table says (its routes and
/// their documentation) and for routes that need no port; the end-to-end tests compare the served OpenAPI document
/// with it.
/// </summary>
public static class CoreRoutes
{
    public static RouteTable Table { get; } = Services().GetRequiredService<RouteTable>();

    /// <param name="settings">Configuration as the host would read it (section keys with ':').</param>
    public static ServiceProvider Services(IReadOnlyDictionary<string, string?>? settings = null)
    {
        // Every host must say where failed samples are notified; a test's own settings may say otherwise.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Quality:Notifier:WebhookUrl"] = "http://127.0.0.1:9/hook" })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPortableCore(configuration);
        services.AddSingleton(Unused<IErrorLogStore>());
        services.AddSingleton(Unused<IIdempotentErrorLogStore>());
        services.AddSingleton(Unused<IOrderStore>());
        services.AddSingleton(Unused<IQualityStore>());
        services.AddSingleton(Unused<IPaymentLedger>());
        services.AddSingleton(Unused<IQueueProvider>());
        services.AddSingleton(Unused<IWorkflowClient>());
        services.AddSingleton<IDataConverter>(JsonDataConverter.Default);
        services.AddSingleton(new HostMetadata("test", "test", "Portable.Tests", 128, "test", "test", 1, "test-1", DateTimeOffset.UnixEpoch));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static T Unused<T>()
        where T : class => DispatchProxy.Create<T, UnusedPort>();

    /// <summary>A port nothing should call.</summary>
    public class UnusedPort : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new NotSupportedException($"{targetMethod?.DeclaringType?.Name}.{targetMethod?.Name} is not part of this test.");
    }
}
