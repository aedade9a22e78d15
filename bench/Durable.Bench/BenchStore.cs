using Microsoft.Extensions.DependencyInjection;

namespace Portable.Bench.Durable;

/// <summary>A scratch store for one run: its durable tables, and a table for the raw baseline beside them.</summary>
internal abstract class BenchStore : IAsyncDisposable
{
    public abstract string Name { get; }

    /// <summary>Registers the durable store on this scratch database.</summary>
    public abstract void AddStore(IServiceCollection services);

    /// <summary>
    /// The baseline: single-row INSERTs, each its own committed transaction, on <paramref name="connections"/> open
    /// connections for <paramref name="duration"/>, with nothing of ours in between. Returns commits per second.
    /// </summary>
    public abstract Task<double> RawCommitsPerSecondAsync(int connections, TimeSpan duration);

    /// <summary>Deletes the instances of earlier scenarios, so each one starts from empty tables.</summary>
    public abstract Task EmptyAsync();

    /// <summary>The work asked of the store so far, from the counts of its calls.</summary>
    public virtual WorkCounts Counts(CountingStore calls) => calls.Counts();

    public abstract ValueTask DisposeAsync();
}
