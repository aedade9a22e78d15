using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Core.Messaging;
using Portable.Core.Settings;

namespace Portable.Adapters.Sqs;

public static class SqsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the queues on SQS (<c>Queues:Provider=Sqs</c>), configured by the <c>Sqs</c> section and checked when the
    /// host starts; without <c>Sqs:Region</c> the region is <c>AWS_REGION</c>'s, as Lambda sets it.
    /// </summary>
    public static IServiceCollection AddSqsQueues(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSettings(() =>
        {
            var options = configuration.GetSection(SqsQueueOptions.Section).Get<SqsQueueOptions>() ?? new SqsQueueOptions();
            options.Region ??= configuration["AWS_REGION"];
            return options;
        });
        services.TryAddSingleton<IQueueProvider>(provider => new SqsQueueProvider(
            provider.GetRequiredService<SqsQueueOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<SqsQueueProvider>>() ?? NullLogger<SqsQueueProvider>.Instance));
        return services;
    }
}
