using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;

namespace Portable.Core.Messaging;

/// <summary>Which consumer a queue feeds, and how the composition builds it.</summary>
/// <param name="Queue">The logical queue name (<see cref="QueueNames"/>).</param>
/// <param name="ConsumerType">The consumer's class, for hosts that describe their bindings.</param>
/// <param name="Create">The consumer: the registered instance of its class, else one built from the composition's services.</param>
public sealed record QueueConsumerBinding(string Queue, Type ConsumerType, Func<IServiceProvider, IQueueConsumer> Create)
{
    public static QueueConsumerBinding Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConsumer>(string queue)
        where TConsumer : class, IQueueConsumer =>
        new(queue, typeof(TConsumer), services => ActivatorUtilities.GetServiceOrCreateInstance<TConsumer>(services));
}
