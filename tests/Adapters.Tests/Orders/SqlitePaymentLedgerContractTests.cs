using Portable.Adapters.Sqlite.Orders;
using Portable.Core.Orders;

namespace Portable.Adapters.Tests.Orders;

public sealed class SqlitePaymentLedgerContractTests : PaymentLedgerContractTests
{
    private readonly SqliteFiles _files = new();

    protected override Task<IPaymentLedger> CreateEmptyLedgerAsync() =>
        Task.FromResult<IPaymentLedger>(new SqlitePaymentLedger(_files.Database()));

    [OneTimeTearDown]
    public void DeleteFiles() => _files.Dispose();
}
