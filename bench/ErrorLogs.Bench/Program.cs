// Error-log ingest and read benchmarks against a MySQL server. Every result is printed next to a baseline measured
// in the same run on the same server, and the ratio between them:
//   dotnet run -c Release --project bench/ErrorLogs.Bench -- "<connection string>" [--seconds 5] [--rounds 3] [--host-warmup 8] [--read-rows 1000000]
// The connection string defaults to $PORTABLE_TEST_MYSQL (eval "$(bash scripts/mariadb.sh start)"). The user must be
// allowed to create the scratch database <database>_bench, which is dropped at the end.
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Portable.Adapters.MySql;
using Portable.Adapters.MySql.ErrorLogs;
using Portable.Bench.ErrorLogs;
using Portable.Core.ErrorLogs;

var connectionString = args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
    ?? Environment.GetEnvironmentVariable("PORTABLE_TEST_MYSQL");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("usage: ErrorLogs.Bench \"Server=...;Database=...;User ID=...;Password=...\" [--seconds 5] [--rounds 3] [--host-warmup 8] [--read-rows 1000000]");
    return 64;
}

var window = TimeSpan.FromSeconds(Option("--seconds", 5));
var warmup = TimeSpan.FromSeconds(1);
// The host is a fresh process: its hot paths are compiled again, with profile-guided optimization, over its first
// seconds under load, and the steady state is what is measured.
var hostWarmup = TimeSpan.FromSeconds(Option("--host-warmup", 8));
// Goal scenarios alternate with their baseline this many times; the round with the median ratio is reported.
var roundsOption = Option("--rounds", 3);
var readRows = Option("--read-rows", 1_000_000);

// --only store|http runs that group's throughput scenarios alone (the reads always run), to iterate on one layer.
var only = args.SkipWhile(arg => arg != "--only").Skip(1).FirstOrDefault();
var runStore = only is null or "store";
var runHttp = only is null or "http";

await using var database = await BenchDatabase.CreateAsync(connectionString);
Console.Error.WriteLine($"server: {await database.ServerSummaryAsync()}; {Environment.ProcessorCount} cores here; {window.TotalSeconds} s per throughput run");
var table = new ResultTable();
await using var mySql = new MySqlDatabase(new MySqlStorageOptions { ConnectionString = database.ConnectionString }, TimeProvider.System, NullLogger<MySqlDatabase>.Instance);
var store = new MySqlErrorLogStore(mySql);
await using var storeAlone = new StoreTarget("store alone", store);

// Each scenario runs between two runs of its baseline, and is held against their mean: on a shared machine the load
// drifts, and a baseline measured minutes earlier would credit or blame the scenario for it.
var autocommit = new Baseline("raw single-row autocommit INSERT, 8 connections", () => RawAsync(8, 1));
var multiRow = new Baseline("raw 500-row INSERT, 4 connections", () => RawAsync(4, 500));
if (runStore)
{
    table.Add(new BenchResult("raw 500-row INSERT, 1 connection", await RawAsync(1, 500), "rows/s"));
    await CompareAsync("store alone, 8 appenders x 1 log", autocommit, () => AppendersAsync(storeAlone, 8, 1), goal: null, rounds: 1);
    // The defaults, and beside them every flush free to overlap the running one (the trade OverlapRows makes).
    foreach (var options in new[] { new CoalescingOptions(), new CoalescingOptions { OverlapRows = 1 } })
    {
        await using var coalescing = Coalesced(options);
        await CompareAsync($"{coalescing.Name}, 64 appenders x 1 log", autocommit, () => AppendersAsync(coalescing, 64, 1), goal: 3);
    }

    await CompareAsync("store alone, 4 appenders x 500 logs", multiRow, () => AppendersAsync(storeAlone, 4, 500), goal: null, rounds: 1);
    await using var coalesced = Coalesced(new CoalescingOptions());
    await CompareAsync($"{coalesced.Name}, 8 appenders x 500 logs", multiRow, () => AppendersAsync(coalesced, 8, 500), goal: 0.5);
}

// The same through the whole stack: HTTP, auth, parsing, coalescing and the store, in the embedded host's own process.
await using var http = await HttpTarget.StartAsync(database.ConnectionString);
if (runHttp)
{
    Console.Error.WriteLine($"warming the host up for {hostWarmup.TotalSeconds} s");
    await AppendersAsync(http, 64, 1, hostWarmup);
    await CompareAsync("HTTP: 64 clients x 1 log per POST", autocommit, () => AppendersAsync(http, 64, 1), goal: 3);
    await CompareAsync("HTTP: 8 clients x 500 logs per POST", multiRow, () => AppendersAsync(http, 8, 500), goal: 0.5);
}

// Reads of the 10 most recent from a table of readRows rows.
await database.ExecuteAsync("TRUNCATE TABLE Logs");
Console.Error.WriteLine($"loading {readRows:N0} rows...");
await LoadAsync(store, readRows);
await database.ExecuteAsync("ANALYZE TABLE Logs");
var size = readRows >= 1_000_000 && readRows % 1_000_000 == 0 ? $"{readRows / 1_000_000}M" : readRows.ToString("N0", CultureInfo.InvariantCulture);
await using (var connection = await database.OpenAsync())
{
    var raw = await Latency.MeasureAsync(1000, 10_000, _ => RawRecentAsync(connection, null));
    var overall = await Latency.MeasureAsync(1000, 10_000, _ => storeAlone.RecentAsync(null, 10, CancellationToken.None));
    var rawP99 = table.Add(new BenchResult($"raw SELECT 10 most recent of {size}, open connection, p99", raw.P99, "ms"));
    table.Add(new BenchResult($"store: 10 most recent of {size}, p50", overall.P50, "ms"));
    table.Add(new BenchResult($"store: 10 most recent of {size}, p99", overall.P99, "ms", rawP99, Goal: 2, LowerIsBetter: true));

    var rawDevice = await Latency.MeasureAsync(1000, 10_000, i => RawRecentAsync(connection, LogGenerator.DeviceId(i % LogGenerator.Devices)));
    var device = await Latency.MeasureAsync(1000, 10_000, i => storeAlone.RecentAsync(LogGenerator.DeviceId(i % LogGenerator.Devices), 10, CancellationToken.None));
    var rawDeviceP99 = table.Add(new BenchResult($"raw SELECT 10 most recent of a device, {size}, p99", rawDevice.P99, "ms"));
    table.Add(new BenchResult($"store: 10 most recent of a device, {size}, p50", device.P50, "ms"));
    table.Add(new BenchResult($"store: 10 most recent of a device, {size}, p99", device.P99, "ms", rawDeviceP99, Goal: 2, LowerIsBetter: true));

    var overHttp = await Latency.MeasureAsync(1000, 10_000, _ => http.RecentAsync(null, 10, CancellationToken.None));
    table.Add(new BenchResult($"HTTP GET /api/logs: 10 most recent of {size}, p50", overHttp.P50, "ms"));
    table.Add(new BenchResult($"HTTP GET /api/logs: 10 most recent of {size}, p99", overHttp.P99, "ms", rawP99, Goal: 2, LowerIsBetter: true));
    var deviceOverHttp = await Latency.MeasureAsync(1000, 10_000, i => http.RecentAsync(LogGenerator.DeviceId(i % LogGenerator.Devices), 10, CancellationToken.None));
    table.Add(new BenchResult($"HTTP GET /api/logs?device_id: 10 most recent of a device, {size}, p99", deviceOverHttp.P99, "ms", rawDeviceP99, Goal: 2, LowerIsBetter: true));
}

Console.WriteLine();
table.Print(Console.Out);
Console.WriteLine(table.AllGoalsMet ? "All goals met." : "Some goals were NOT met.");
return table.AllGoalsMet ? 0 : 2;

// The scenario runs between runs of its baseline, `rounds` times over (B S B S B ...), each run held against the mean of
// the baselines around it; the round with the median ratio is reported, so one noisy minute can neither make nor break it.
async Task CompareAsync(string scenario, Baseline baseline, Func<Task<double>> measure, double? goal, int? rounds = null)
{
    var count = rounds ?? Math.Max(1, roundsOption);
    var baselines = new List<double> { await baseline.MeasureAsync() };
    var values = new List<double>();
    for (var round = 0; round < count; round++)
    {
        values.Add(await measure());
        baselines.Add(await baseline.MeasureAsync());
        Console.Error.WriteLine($"  {scenario}, round {round + 1}: {values[round]:N0} rows/s, {values[round] / ((baselines[round] + baselines[round + 1]) / 2):F2}x");
    }

    var median = Enumerable.Range(0, count).OrderBy(round => values[round] / (baselines[round] + baselines[round + 1])).ElementAt(count / 2);
    var around = (baselines[median] + baselines[median + 1]) / 2;
    var reference = new BenchResult($"{baseline.Scenario} (runs {baselines[median]:N0}, {baselines[median + 1]:N0})", around, "rows/s");
    table.Add(new BenchResult(count > 1 ? $"{scenario} (median of {count})" : scenario, values[median], "rows/s", reference, goal));
}

async Task<double> AppendersAsync(IErrorLogTarget target, int appenders, int logsPerAppend, TimeSpan? warmupTime = null)
{
    await database.ExecuteAsync("TRUNCATE TABLE Logs");
    var rowsPerSecond = await target.LoadAsync(appenders, Batches(appenders, logsPerAppend), warmupTime ?? warmup, window);
    if (target.Statistics is { } statistics)
    {
        Console.Error.WriteLine($"  {target.Name}: {statistics}");
    }

    return rowsPerSecond;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

// Each worker holds its own open connection; logsPerInsert 1 is single-row autocommit, more is one multi-row INSERT.
async Task<double> RawAsync(int connections, int logsPerInsert)
{
    await database.ExecuteAsync("TRUNCATE TABLE RawLogs");
    var open = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => database.OpenAsync()));
    var batches = Batches(connections, logsPerInsert);
    try
    {
        return await Throughput.RowsPerSecondAsync(connections, worker => logsPerInsert == 1
            ? RawInserts.SingleRowAsync(open[worker], batches.Next(worker)[0])
            : RawInserts.MultiRowAsync(open[worker], batches.Next(worker)), warmup, window);
    }
    finally
    {
        foreach (var connection in open)
        {
            await connection.DisposeAsync();
        }
    }
}

StoreTarget Coalesced(CoalescingOptions options)
{
    var meter = new FlushMeter(store);
    var coalescing = new CoalescingErrorLogStore(meter, options, NullLogger<CoalescingErrorLogStore>.Instance);
    return new StoreTarget($"coalescing ({options.Writers} writers, overlap at {options.OverlapRows} rows)", coalescing, meter.Summary);
}

async Task LoadAsync(IErrorLogStore target, int rows)
{
    const int batch = 4000;
    var next = 0;
    var generator = new LogGenerator(seed: 42);
    var gate = new Lock();
    await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
    {
        while (true)
        {
            ErrorLog[] logs;
            lock (gate)
            {
                var count = Math.Min(batch, rows - next);
                if (count <= 0)
                {
                    return;
                }

                next += count;
                logs = generator.Next(count);
            }

            await target.AppendAsync(logs, CancellationToken.None);
        }
    })));
}

static async Task<int> RawRecentAsync(MySqlConnection connection, string? deviceId)
{
    await using var command = new MySqlCommand(deviceId is null
        ? "SELECT error_log_id, device_id, error_number, time_stamp FROM Logs ORDER BY time_stamp DESC, error_log_id DESC LIMIT 10"
        : "SELECT error_log_id, device_id, error_number, time_stamp FROM Logs WHERE device_id = @device ORDER BY time_stamp DESC, error_log_id DESC LIMIT 10", connection);
    command.Parameters.AddWithValue("@device", deviceId);
    await using var reader = await command.ExecuteReaderAsync();
    var rows = 0;
    while (await reader.ReadAsync())
    {
        rows++;
    }

    return rows;
}

static BatchPool Batches(int workers, int logsPerBatch) => new(workers, logsPerBatch);
