using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.ErrorLogs;
using Portable.Core.ErrorLogs;

namespace Portable.Adapters.Tests.ErrorLogs;

[TestFixture(false)]
[TestFixture(true)]
public sealed class SqliteErrorLogStoreContractTests(bool coalesced) : ErrorLogStoreContractTests(coalesced)
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portable-sqlite-" + Guid.NewGuid().ToString("N"));

    private SqliteErrorLogStore? _last;

    protected override IErrorLogReadings Readings => _last!;

    protected override Task<IErrorLogStore> CreateEmptyStoreAsync() =>
        Task.FromResult<IErrorLogStore>(_last = new SqliteErrorLogStore(new SqliteDatabase(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db"))));

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
