using Microsoft.Extensions.DependencyInjection;
using Portable.Core.ErrorLogs;
using Portable.Core.Messaging;
using Portable.Core.Orders;
using Portable.Core.Quality;

namespace Portable.Core.Telemetry;

public static class TracingServiceCollectionExtensions
{
    /// <summary>
    /// Wraps whatever stores and queue provider are registered so far in Core's tracing decorators, so store calls
    /// and queue sends and receives are spans on every provider. Call it after the stores and queues are added.
    /// </summary>
    public static IServiceCollection AddStoreAndQueueTracing(this IServiceCollection services)
    {
        Decorate<IQueueProvider>(services, (provider, inner) => new TracingQueueProvider(inner, provider.GetRequiredService<TimeProvider>()));
        Decorate<IOrderStore>(services, (_, inner) => new TracingOrderStore(inner));
        Decorate<IQualityStore>(services, (_, inner) => new TracingQualityStore(inner));
        Decorate<IErrorLogStore>(services, (_, inner) => new TracingErrorLogStore(inner));
        return services;
    }

    /// <summary>Replaces the last registration of <typeparamref name="TService"/> by a singleton that wraps it.</summary>
    private static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> wrap)
        where TService : class
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            return;
        }

        var inner = services[index];
        services[index] = ServiceDescriptor.Singleton<TService>(provider => wrap(provider, Create<TService>(provider, inner)));
    }

    private static TService Create<TService>(IServiceProvider provider, ServiceDescriptor descriptor)
        where TService : class =>
        (TService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
