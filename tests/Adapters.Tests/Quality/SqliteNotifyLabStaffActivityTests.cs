using Microsoft.Data.Sqlite;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Quality;
using Portable.Core.Quality;

namespace Portable.Adapters.Tests.Quality;

/// <summary>The notification activity on a SQLite store, a temporary file per test.</summary>
public sealed class SqliteNotifyLabStaffActivityTests : NotifyLabStaffActivityTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portable-sqlite-" + Guid.NewGuid().ToString("N"));

    protected override Task<IQualityStore> CreateEmptyStoreAsync() =>
        Task.FromResult<IQualityStore>(new SqliteQualityStore(new SqliteDatabase(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db"))));

    [OneTimeTearDown]
    public void DeleteFiles()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
