using Portable.Adapters.Sqlite.Quality;
using Portable.Core.Quality;

namespace Portable.Adapters.Tests.Quality;

/// <summary>SQLite quality stores, a temporary file each.</summary>
public sealed class SqliteQualityStoreTarget : QualityStoreTarget
{
    private readonly SqliteFiles _files = new();

    public override Task<IQualityStore> CreateEmptyStoreAsync() =>
        Task.FromResult<IQualityStore>(new SqliteQualityStore(_files.Database()));

    public override ValueTask DisposeAsync()
    {
        _files.Dispose();
        return ValueTask.CompletedTask;
    }
}
