using Portable.Adapters.Sqlite.Orders;
using Portable.Core.Orders;

namespace Portable.Adapters.Tests.Orders;

public sealed class SqliteOrderStoreContractTests : OrderStoreContractTests
{
    private readonly SqliteFiles _files = new();

    protected override Task<IOrderStore> CreateEmptyStoreAsync() =>
        Task.FromResult<IOrderStore>(new SqliteOrderStore(_files.Database()));

    [OneTimeTearDown]
    public void DeleteFiles() => _files.Dispose();
}
