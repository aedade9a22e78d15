using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Core.Messaging;

namespace Portable.Adapters.Sqs;

public static class SqsServiceCollectionExtensions
{
    /// <summary>Registers the queues on SQS (<c>Queues:Provider=Sqs</c>), configured by the <c>Sqs</c> section.</summary>
    public static IServiceCollection AddSqsQueues(this IServiceCollection services, IConfiguration configuration)
    {
        var options = SqsQueueOptions.FromConfiguration(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IQueueProvider>(provider => new SqsQueueProvider(
            options,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<SqsQueueProvider>>() ?? NullLogger<SqsQueueProvider>.Instance));
        return services;
    }
}
