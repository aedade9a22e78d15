using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Hosting.Queues;
using Portable.Core.Messaging;

namespace Portable.Adapters.Aws.Queues;

/// <summary>Spectrophotometer samples from instruments, handled as on every host (<see cref="SampleQueueHandler"/>).</summary>
public sealed class QualitySampleConsumer : IQueueConsumer
{
    public string QueueName => QueueNames.QualitySamples;

    public Task HandleAsync(ReceivedMessage message, IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<SampleQueueHandler>().HandleAsync(message, cancellationToken);
}
