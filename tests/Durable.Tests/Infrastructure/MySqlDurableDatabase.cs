using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Durable.MySql;
using Portable.Adapters.MySql;
using Portable.Tests.Support;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>
/// The durable store on a MariaDB database of one fixture's own (<c>portable_d_*</c>, a <see cref="MySqlTestDatabase"/>),
/// migrated once and emptied for each test: cheaper than a database per test, and as isolated. Disposing it after a
/// test keeps the database; <see cref="DropAsync"/> at the fixture's end drops it.
/// </summary>
internal sealed class MySqlDurableDatabase : TestDatabase
{
    /// <summary>The durable tables, children before parents.</summary>
    private static readonly string[] Tables = ["durable_history", "durable_inbox", "durable_activities", "durable_instances"];

    private readonly MySqlTestDatabase _database;

    private MySqlDurableDatabase(MySqlTestDatabase database) => _database = database;

    public string ConnectionString => _database.ConnectionString;

    public static async Task<MySqlDurableDatabase> CreateAsync() => new(await MySqlTestDatabase.CreateAsync(purpose: "d"));

    /// <summary>The connection string goes by environment, so that its password is not on a command line for all to see.</summary>
    public override void ConfigureCrashHost(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.ArgumentList.Add("mysql");
        start.Environment["PORTABLE_CRASHHOST_MYSQL"] = ConnectionString;
    }

    public override void AddStore(IServiceCollection services) =>
        services.AddMySqlOrchestrationStore(new MySqlStorageOptions { ConnectionString = ConnectionString });

    /// <summary>Deletes every row the durable tables hold, so the next test starts from nothing.</summary>
    public Task EmptyAsync() => _database.EmptyAsync(Tables);

    public ValueTask DropAsync() => _database.DisposeAsync();
}
