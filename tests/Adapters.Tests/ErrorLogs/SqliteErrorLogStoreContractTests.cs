using Portable.Adapters.Sqlite.ErrorLogs;
using Portable.Core.ErrorLogs;

namespace Portable.Adapters.Tests.ErrorLogs;

[TestFixture(false)]
[TestFixture(true)]
public sealed class SqliteErrorLogStoreContractTests(bool coalesced) : ErrorLogStoreContractTests(coalesced)
{
    private readonly SqliteFiles _files = new();

    private SqliteErrorLogStore? _last;

    protected override IErrorLogReadings Readings => _last!;

    protected override Task<IErrorLogStore> CreateEmptyStoreAsync() =>
        Task.FromResult<IErrorLogStore>(_last = new SqliteErrorLogStore(_files.Database()));

    [OneTimeTearDown]
    public void DeleteFiles() => _files.Dispose();
}
