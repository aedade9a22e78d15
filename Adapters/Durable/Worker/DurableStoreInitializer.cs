using Microsoft.Extensions.Hosting;
using Portable.Adapters.Durable.Store;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// Sets the store up (its schema) when the host starts, whether or not the process runs the worker's loops: a Lambda
/// host runs every hosted service's start once in its init phase, and starts no loops.
/// </summary>
internal sealed class DurableStoreInitializer(IOrchestrationWorkerStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
