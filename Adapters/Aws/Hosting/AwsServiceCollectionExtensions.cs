using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portable.Adapters.Aws.Api;
using Portable.Adapters.Aws.Durable;
using Portable.Adapters.Aws.Authorizer;
using Portable.Adapters.Aws.Queues;
using Portable.Adapters.Aws.Runtime;
using Portable.Adapters.Aws.Schedule;
using Portable.Adapters.Durable.Worker;
using Portable.Core.Metadata;
using Portable.Core.Orders;

namespace Portable.Adapters.Aws.Hosting;

public static class AwsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Lambda handlers (keyed by <see cref="HandlerNames"/>), the queue consumers and the schedule's
    /// drain on top of the system's composition. Services a composition registered first win.
    /// </summary>
    public static IServiceCollection AddAwsLambda(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(LambdaOptions.FromConfiguration(configuration));
        services.TryAddSingleton(DispatchDrainOptions.FromConfiguration(configuration.GetSection("Lambda:Dispatch")));
        services.TryAddSingleton(provider => LambdaMetadata.Create(configuration, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<OrderDispatcher>();

        services.AddSingleton<IQueueConsumer, QualitySampleConsumer>();
        services.AddSingleton<IQueueConsumer, OrderDispatchConsumer>();
        services.AddSingleton<IQueueConsumer, ErrorLogConsumer>();
        services.AddSingleton<IQueueConsumer, QualityNotificationConsumer>();
        AddDurableOnLambda(services, configuration);
        services.TryAddSingleton(provider => new QueueRouting(provider.GetServices<IQueueConsumer>(), configuration["Sqs:QueuePrefix"]));

        services.AddKeyedSingleton<ILambdaHandler, ApiGatewayHandler>(HandlerNames.Api);
        services.AddKeyedSingleton<ILambdaHandler, TokenAuthorizerHandler>(HandlerNames.Authorizer);
        services.AddKeyedSingleton<ILambdaHandler, SqsBatchHandler>(HandlerNames.Queue);
        services.AddKeyedSingleton<ILambdaHandler, ScheduleHandler>(HandlerNames.Schedule);
        return services;
    }

    /// <summary>
    /// No worker runs between invocations: wake-ups go to the <c>durable-wakeups</c> queue (with SQS), whose
    /// consumer drains ready work, and the one-minute schedule sweeps what no wake-up announced.
    /// </summary>
    private static void AddDurableOnLambda(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IQueueConsumer, DurableWakeupConsumer>();
        services.TryAddSingleton<IDurableSweeper, DurableSweeper>();
        if (string.Equals(configuration["Queues:Provider"], "Sqs", StringComparison.OrdinalIgnoreCase))
        {
            // Registered after the runtime's in-process default, so it wins.
            services.AddSingleton<IDurableWakeups, SqsDurableWakeups>();
        }
    }
}
