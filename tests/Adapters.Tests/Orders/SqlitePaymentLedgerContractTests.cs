using Portable.Adapters.Sqlite;
using Portable.Adapters.Sqlite.Orders;
using Portable.Core.Orders;

namespace Portable.Adapters.Tests.Orders;

public sealed class SqlitePaymentLedgerContractTests : PaymentLedgerContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "portable-sqlite-" + Guid.NewGuid().ToString("N"));

    protected override Task<IPaymentLedger> CreateEmptyLedgerAsync() =>
        Task.FromResult<IPaymentLedger>(new SqlitePaymentLedger(new SqliteDatabase(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db"))));

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
