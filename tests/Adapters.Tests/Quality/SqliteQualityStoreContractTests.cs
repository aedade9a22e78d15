using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Quality;
using Portable.Core.Quality;

namespace Portable.Adapters.Tests.Quality;

public sealed class SqliteQualityStoreContractTests : QualityStoreContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portable-sqlite-" + Guid.NewGuid().ToString("N"));

    protected override Task<IQualityStore> CreateEmptyStoreAsync() =>
        Task.FromResult<IQualityStore>(new SqliteQualityStore(new SqliteDatabase(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db"))));

    [OneTimeTearDown]
    public void DeleteFiles()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
