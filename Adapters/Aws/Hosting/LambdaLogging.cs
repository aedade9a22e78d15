using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Api;
using Portable.Adapters.Aws.Authorizer;
using Portable.Adapters.Aws.Logging;
using Portable.Adapters.Aws.Queues;
using Portable.Adapters.Aws.Runtime;
using Portable.Adapters.Aws.Schedule;
using Portable.Adapters.Durable.MySql;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.Migrations;
using Portable.Adapters.Sqs;
using Portable.Core.ErrorLogs;
using Portable.Core.Http;
using Portable.Core.Idempotency;
using Portable.Core.Observations;
using Portable.Core.Orders;
using Portable.Core.Quality;

namespace Portable.Adapters.Aws.Hosting;

/// <summary>
/// Logging for the functions, composed without the container's open generics: under native AOT each open generic the
/// container closes at run time (<c>ILogger&lt;T&gt;</c>, and the options services behind <c>AddLogging</c>'s factory)
/// is a type built by the type loader during the cold start.
/// </summary>
internal static class LambdaLogging
{
    /// <summary>
    /// One <see cref="JsonLineLoggerFactory"/> over the JSON-line provider at <paramref name="level"/>, its scopes as
    /// <see cref="IExternalScopeProvider"/>, closed <see cref="ILogger{TCategoryName}"/> for the categories the functions
    /// build on their first invocation, and the open generic for any other.
    /// </summary>
    public static void AddLambdaLogging(this IServiceCollection services, Stream output, LogLevel level)
    {
        services.AddSingleton(_ => new JsonLineLoggerFactory(new JsonLineLoggerProvider(output, level, TimeProvider.System)));
        services.AddSingleton<ILoggerFactory>(provider => provider.GetRequiredService<JsonLineLoggerFactory>());
        services.AddSingleton(provider => provider.GetRequiredService<JsonLineLoggerFactory>().Scopes);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));

        services.AddLogger<InvocationRunner>().AddLogger<LambdaRuntime>().AddLogger<ApiGatewayHandler>().AddLogger<SqsBatchHandler>()
            .AddLogger<ScheduleHandler>().AddLogger<TokenAuthorizerHandler>().AddLogger<OperatorAuthorizerHandler>();
        services.AddLogger<ApiDispatcher>().AddLogger<ErrorLogEndpoints>().AddLogger<OrderEndpoints>().AddLogger<QualityEndpoints>()
            .AddLogger<OrderPlacement>().AddLogger<OrderCancellation>().AddLogger<OrderDispatcher>().AddLogger<NotificationRetry>()
            .AddLogger<ObservationsService>().AddLogger<ClientCredentialsTokenSource>().AddLogger<CoalescingErrorLogStore>()
            .AddLogger<ErrorLogQueueConsumer>().AddLogger<SampleQueueConsumer>().AddLogger<NotificationQueueConsumer>()
            .AddLogger<NotifyLabStaffActivity>().AddLogger<IdempotencyKeySweep>();
        services.AddLogger<MySqlDatabase>().AddLogger<MySqlSchema>().AddLogger<MySqlOrchestrationWorkerStore>()
            .AddLogger<SqsQueueProvider>();
    }

    private static IServiceCollection AddLogger<TCategory>(this IServiceCollection services) =>
        services.AddSingleton<ILogger<TCategory>>(provider => new Logger<TCategory>(provider.GetRequiredService<ILoggerFactory>()));
}
