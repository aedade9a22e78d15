using Portable.Core.Quality;

namespace Portable.Adapters.Tests.Quality;

/// <summary>One implementation of the quality store under test, handing out empty stores to one fixture's tests.</summary>
public abstract class QualityStoreTarget : IAsyncDisposable
{
    public abstract Task<IQualityStore> CreateEmptyStoreAsync();

    public abstract ValueTask DisposeAsync();
}
