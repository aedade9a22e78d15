namespace Portable.Adapters.Durable.Store;

/// <summary>Shorthands over <see cref="IOrchestrationWorkerStore"/>.</summary>
public static class OrchestrationWorkerStoreExtensions
{
    /// <summary>Claims as <see cref="IOrchestrationWorkerStore.ClaimInstanceAsync"/> does, for a caller that wants only the instance.</summary>
    public static async Task<InstanceWorkItem?> ClaimNextInstanceAsync(
        this IOrchestrationWorkerStore store, string owner, TimeSpan leaseDuration, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (await store.ClaimInstanceAsync(owner, leaseDuration, maxMessages, cancellationToken)).Item;
    }
}
