using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.ErrorLogs;
using Portable.Adapters.MySql.Migrations;
using Portable.Core.ErrorLogs;
using Portable.Core.Validation;
using Portable.Tests.Support;

namespace Portable.Adapters.Tests.ErrorLogs;

/// <summary>
/// The server crashes (SIGKILL) under sustained coalesced ingest and comes back a few seconds later. Clients behave
/// as HTTP clients given 503 + Retry-After would: they send the same logs again until acknowledged.
/// </summary>
[NonParallelizable]
public sealed class MySqlIngestFaultTests
{
    private const int Clients = 32;

    [Test]
    public async Task Every_acknowledged_log_survives_a_server_crash_exactly_once_and_ingest_recovers_by_itself()
    {
        // A server of its own: killing the shared one would fail the tests that other assemblies run meanwhile.
        await using var server = await PrivateMariaDb.StartAsync();
        await MySqlMigrator.MigrateAsync(server.ConnectionString, CancellationToken.None);
        var options = new MySqlStorageOptions { ConnectionString = server.ConnectionString, BreakDuration = TimeSpan.FromMilliseconds(500) };
        await using var mySql = new MySqlDatabase(options, TimeProvider.System, NullLogger<MySqlDatabase>.Instance);
        await using var store = new CoalescingErrorLogStore(new MySqlErrorLogStore(mySql), new CoalescingOptions(), NullLogger<CoalescingErrorLogStore>.Instance);

        var acknowledged = new ConcurrentDictionary<long, (string Device, int Number)>();
        var acknowledgements = 0;
        var refused = new ConcurrentDictionary<(string Device, int Number), bool>();
        var refusals = 0;
        var acknowledgedAfterRestart = 0;
        var restarted = false;
        using var stopSending = new CancellationTokenSource();
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        async Task ClientAsync(int client)
        {
            var device = $"client-{client}";
            var number = 0;
            while (!stopSending.IsCancellationRequested)
            {
                var logs = Enumerable.Range(number, 1 + (number % 3)).Select(n => ErrorLog.Create(device, n, n)).ToArray();
                number += logs.Length;
                while (true)
                {
                    try
                    {
                        var ids = await store.AppendAsync(logs, giveUp.Token);
                        for (var i = 0; i < ids.Count; i++)
                        {
                            acknowledged[ids[i]] = (device, logs[i].ErrorNumber);
                        }

                        Interlocked.Add(ref acknowledgements, ids.Count);
                        if (Volatile.Read(ref restarted))
                        {
                            Interlocked.Increment(ref acknowledgedAfterRestart);
                        }

                        break;
                    }
                    catch (UnavailableException exception)
                    {
                        Interlocked.Increment(ref refusals);
                        foreach (var log in logs)
                        {
                            refused[(device, log.ErrorNumber)] = true;
                        }

                        await Task.Delay(TimeSpan.FromTicks(Math.Min(exception.RetryAfter.Ticks, TimeSpan.FromMilliseconds(100).Ticks)), giveUp.Token);
                    }
                }
            }
        }

        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(() => ClientAsync(client))).ToArray();
        var killed = false;
        var outage = Stopwatch.StartNew();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.That(acknowledged, Is.Not.Empty, "ingest ran before the crash");
            await server.KillAsync();
            killed = true;
            outage.Restart();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await server.RestartAsync();
            killed = false;
            Volatile.Write(ref restarted, true);
            await TestContext.Out.WriteLineAsync($"The server was down for {outage.Elapsed.TotalSeconds:F1} s.");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await stopSending.CancelAsync();
            if (killed)
            {
                await server.RestartAsync();
            }
        }

        await Task.WhenAll(clients);

        var stored = new Dictionary<long, (string Device, int Number)>();
        await using (var connection = new MySqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new MySqlCommand("SELECT error_log_id, device_id, error_number FROM Logs", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetInt64(0), (reader.GetString(1), reader.GetInt32(2)));
            }
        }

        var copies = stored.Values.CountBy(log => log).ToDictionary();
        var unacknowledged = stored.Where(row => !acknowledged.ContainsKey(row.Key)).Select(row => row.Value).ToList();
        await TestContext.Out.WriteLineAsync(
            $"{acknowledgements} logs acknowledged ({acknowledgedAfterRestart} requests after the restart), {refusals} requests refused with 503, " +
            $"{stored.Count} rows stored, {unacknowledged.Count} of them unacknowledged (commits whose answer the crash cut off).");

        Assert.Multiple(() =>
        {
            Assert.That(refusals, Is.GreaterThan(0), "the outage was seen as 503s");
            Assert.That(acknowledgedAfterRestart, Is.GreaterThan(0), "ingest recovered by itself");
            Assert.That(acknowledged, Has.Count.EqualTo(acknowledgements), "no id was acknowledged twice");
            Assert.That(acknowledged.Where(ack => !stored.TryGetValue(ack.Key, out var row) || row != ack.Value), Is.Empty,
                "every acknowledged id holds the log it was acknowledged for");
            Assert.That(acknowledged.Values.Where(log => copies[log] > 1 && !refused.ContainsKey(log)), Is.Empty,
                "a log stored twice was one whose first attempt was refused with an unknown outcome");
            Assert.That(unacknowledged.Where(log => !refused.ContainsKey(log)), Is.Empty, "every unacknowledged row is a refused attempt's");
        });
    }
}
