using Portable.Core.Messaging;

namespace Portable.Adapters.Aws.Queues;

/// <summary>
/// A queue provider built on its first use rather than with the handler that holds it: the SQS client's set-up is
/// a cold start's cost that an API request without a queue, or a queue batch the consumer stores, never needs.
/// </summary>
internal sealed class DeferredQueueProvider(Func<IQueueProvider> create) : IQueueProvider, IAsyncDisposable
{
    private readonly Lazy<IQueueProvider> _inner = new(create);

    public IMessageQueue GetQueue(string name) => _inner.Value.GetQueue(name);

    public IMessageQueue GetDeadLetterQueue(string name) => _inner.Value.GetDeadLetterQueue(name);

    public async ValueTask DisposeAsync()
    {
        if (!_inner.IsValueCreated)
        {
            return;
        }

        switch (_inner.Value)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
