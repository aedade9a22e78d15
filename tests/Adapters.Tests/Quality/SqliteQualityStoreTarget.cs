using Microsoft.Data.Sqlite;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Quality;
using Portable.Core.Quality;

namespace Portable.Adapters.Tests.Quality;

/// <summary>SQLite quality stores, a temporary file each.</summary>
public sealed class SqliteQualityStoreTarget : QualityStoreTarget
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portable-sqlite-" + Guid.NewGuid().ToString("N"));

    public override Task<IQualityStore> CreateEmptyStoreAsync() =>
        Task.FromResult<IQualityStore>(new SqliteQualityStore(new SqliteDatabase(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db"))));

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
