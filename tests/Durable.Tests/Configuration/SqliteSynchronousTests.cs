using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Durable.Sqlite;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Configuration;

/// <summary>When the SQLite store's commits reach the disk: NORMAL unless the host asks for FULL.</summary>
public sealed class SqliteSynchronousTests
{
    private const int Normal = 1;
    private const int Full = 2;

    [TestCase(null, Normal)]
    [TestCase("Normal", Normal)]
    [TestCase("full", Full)]
    public async Task The_store_flushes_as_Durable_Sqlite_Synchronous_says(string? setting, int expected)
    {
        using var database = new SqliteTestDatabase();
        await using var provider = Provider(setting, database, synchronous: null);

        Assert.That(await SynchronousAsync(provider), Is.EqualTo(expected));
    }

    [Test]
    public async Task The_registration_wins_over_configuration()
    {
        using var database = new SqliteTestDatabase();
        await using var provider = Provider("Normal", database, SqliteSynchronous.Full);

        Assert.That(await SynchronousAsync(provider), Is.EqualTo(Full));
    }

    [Test]
    public async Task A_bad_setting_stops_the_store_naming_its_key()
    {
        using var database = new SqliteTestDatabase();
        await using var provider = Provider("Sometimes", database, synchronous: null);

        var refusal = Assert.Catch(() => provider.GetRequiredService<SqliteDatabase>());

        Assert.That(refusal!.Message, Does.Contain("Durable:Sqlite:Synchronous").And.Contain("Sometimes"));
    }

    private static ServiceProvider Provider(string? setting, SqliteTestDatabase database, SqliteSynchronous? synchronous)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Durable:Sqlite:Synchronous"] = setting })
            .Build());
        services.AddSqliteOrchestrationStore($"Data Source={database.Path}", synchronous);
        return services.BuildServiceProvider();
    }

    private static Task<long> SynchronousAsync(IServiceProvider provider) =>
        provider.GetRequiredService<SqliteDatabase>().ReadAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA synchronous;";
                return (long)command.ExecuteScalar()!;
            },
            CancellationToken.None);
}
