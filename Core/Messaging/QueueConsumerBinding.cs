using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portable.Core.Messaging;

/// <summary>Which consumer a queue feeds, and how the composition builds it.</summary>
/// <param name="Queue">The logical queue name (<see cref="QueueNames"/>).</param>
/// <param name="ConsumerType">The consumer's class, for hosts that describe their bindings.</param>
/// <param name="AddConsumer">Registers the consumer's class as a singleton, unless the composition registered it already.</param>
/// <param name="Create">The consumer: the last registered instance of its class.</param>
public sealed record QueueConsumerBinding(
    string Queue, Type ConsumerType, Action<IServiceCollection> AddConsumer, Func<IServiceProvider, IQueueConsumer> Create)
{
    // Through the container rather than ActivatorUtilities, whose static set-up (a reverse map of every method's
    // address under native AOT) cost a queue function's cold start more than a millisecond.
    public static QueueConsumerBinding Of<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConsumer>(string queue)
        where TConsumer : class, IQueueConsumer =>
        new(queue, typeof(TConsumer), services => services.TryAddSingleton<TConsumer>(), services => services.GetRequiredService<TConsumer>());
}
