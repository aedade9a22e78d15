using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MySqlConnector;
using Portable.Adapters.MySql;
using Portable.Core.Validation;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.MySql;

/// <summary>How calls fail when the server is down: fast, as <see cref="UnavailableException"/>, and without a server to find out.</summary>
public sealed class MySqlDatabaseTests
{
    private static readonly Func<MySqlConnection, CancellationToken, Task<int>> Select1 = async (connection, token) =>
    {
        await using var command = new MySqlCommand("SELECT 1", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
    };

    /// <summary>A loopback port that nothing listens on: connecting is refused at once, as when the server process is gone.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static MySqlDatabase Unreachable(TimeProvider time) => new(
        new MySqlStorageOptions
        {
            ConnectionString = $"Server=127.0.0.1;Port={ClosedPort()};Database=portable;User ID=nobody;Password=x;",
            BreakDuration = TimeSpan.FromSeconds(5),
        },
        time,
        NullLogger<MySqlDatabase>.Instance);

    [Test]
    public async Task An_unreachable_server_is_a_503_with_a_retry_time()
    {
        await using var database = Unreachable(TimeProvider.System);

        var exception = Assert.ThrowsAsync<UnavailableException>(() => database.RunAsync(Select1, CancellationToken.None));

        Assert.That(exception!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(exception.InnerException, Is.InstanceOf<MySqlException>());
    }

    [Test]
    public async Task While_the_circuit_is_open_calls_fail_without_trying_and_one_probe_goes_through_after_the_break()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var database = Unreachable(time);
        Assert.ThrowsAsync<UnavailableException>(() => database.RunAsync(Select1, CancellationToken.None));

        time.Advance(TimeSpan.FromSeconds(2));
        var rejected = Assert.ThrowsAsync<UnavailableException>(() => database.RunAsync(Select1, CancellationToken.None));
        Assert.That(rejected!.InnerException, Is.Null, "no connection was tried");
        Assert.That(rejected.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));

        time.Advance(TimeSpan.FromSeconds(3));
        var probed = Assert.ThrowsAsync<UnavailableException>(() => database.RunAsync(Select1, CancellationToken.None));
        Assert.That(probed!.InnerException, Is.InstanceOf<MySqlException>(), "the probe tried to connect");
    }

    [Test]
    public async Task A_transient_failure_is_retried_on_a_new_connection()
    {
        await using var testDatabase = await MySqlTestDatabase.CreateAsync();
        await using var database = new MySqlDatabase(new MySqlStorageOptions { ConnectionString = testDatabase.ConnectionString }, TimeProvider.System, NullLogger<MySqlDatabase>.Instance);
        await using var holder = await testDatabase.OpenAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await using (var lockRow = new MySqlCommand("SELECT next_id FROM id_sequences WHERE name = 'Logs' FOR UPDATE", holder, holding))
        {
            await lockRow.ExecuteScalarAsync();
        }

        var attempts = 0;
        var update = database.RunAsync(
            async (connection, token) =>
            {
                if (Interlocked.Increment(ref attempts) == 2)
                {
                    await holding.CommitAsync(token);
                }

                await using var command = new MySqlCommand(
                    "SET SESSION innodb_lock_wait_timeout = 1; UPDATE id_sequences SET next_id = next_id WHERE name = 'Logs'", connection);
                return await command.ExecuteNonQueryAsync(token);
            },
            CancellationToken.None);

        await update;
        Assert.That(attempts, Is.EqualTo(2), "the lock wait timeout of the first attempt was retried");
    }
}
