using MySqlConnector;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests;

/// <summary>
/// The databases the tests make are dropped when their fixture ends (what a killed run leaves, `scripts/mariadb.sh`
/// drops when the server starts and `scripts/test.sh` before its tests).
/// </summary>
public sealed class TestDatabaseTests
{
    [Test]
    public async Task A_fixtures_database_is_dropped_when_the_fixture_ends_with_the_host_on_it()
    {
        var host = await Backend.StartHostAsync(Backend.MySqlSqs);
        var database = new MySqlConnectionStringBuilder(host.Settings["ConnectionStrings__MySql"]).Database;
        var during = await DatabasesAsync();

        await host.DisposeAsync();

        Assert.That(during, Does.Contain(database));
        Assert.That(await DatabasesAsync(), Does.Not.Contain(database));
    }

    private static async Task<List<string>> DatabasesAsync()
    {
        await using var connection = new MySqlConnection(TestServers.MySql);
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SHOW DATABASES LIKE 'portable%'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
