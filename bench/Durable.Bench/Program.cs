// Durable runtime throughput on SQLite and MySQL, held against the raw committed-transaction rate of the same store
// measured in the same run (single-row INSERT autocommits; one connection on SQLite, eight on MySQL). Each store alternates its baseline with
// the scenarios (B S B S B S B, --rounds), each round's rates are divided by the mean of the baselines around it, and
// the round with the median ratio is reported. Beside each rate: the write transactions, round trips (MySQL) and
// claims that found nothing, per workflow, counted by the bench.
//   dotnet run -c Release --project bench/Durable.Bench -- ["<MySQL connection string>"] [--seconds 3] [--rounds 3] [--instances 500] [--runs 10] [--warmup 300] [--width 100] [--profile] [--only sqlite|mysql] [--no-scale-out]
// The connection string defaults to $PORTABLE_TEST_MYSQL (eval "$(bash scripts/mariadb.sh start)"); without one only
// SQLite runs. The MySQL user must be allowed to create the scratch database <database>_durable_bench.
// Exit code 2 when a goal was missed.
using System.Globalization;
using Portable.Adapters.Durable.Sqlite;
using Portable.Bench.Durable;

if (args is ["--worker", var workerDatabase, ..])
{
    await WorkerProcess.RunAsync(workerDatabase, Text("--orchestrators") is { } workerLoops ? int.Parse(workerLoops, CultureInfo.InvariantCulture) : null);
    return 0;
}

var connectionString = args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
    ?? Environment.GetEnvironmentVariable("PORTABLE_TEST_MYSQL");
var window = TimeSpan.FromSeconds(Option("--seconds", 3));
var rounds = Math.Max(1, Option("--rounds", 3));
var instances = Option("--instances", 500);
var runs = Option("--runs", 10);
var warmup = Option("--warmup", 300);
var width = Option("--width", 100);
var profile = args.Contains("--profile");
var only = Text("--only");
int? orchestrators = Text("--orchestrators") is { } loops ? int.Parse(loops, CultureInfo.InvariantCulture) : null;

var table = new ResultTable();
using var causes = new ClaimCauses();
Console.Error.WriteLine($"{Environment.ProcessorCount} cores; raw commits over {window.TotalSeconds} s; {rounds} rounds of {instances} HelloSequence5 and {runs} fan-outs of {width}");
if (only is null or "sqlite")
{
    await using (var sqlite = new SqliteBenchStore(SqliteSynchronous.Normal))
    {
        await MeasureAsync(sqlite, StoreGoals.Sqlite);
    }

    // Every commit flushed: what a 202 costs when it must survive a power cut too. For information.
    await using (var full = new SqliteBenchStore(SqliteSynchronous.Full))
    {
        await MeasureAsync(full, StoreGoals.SqliteFull);
    }
}

if (only is "sqlite")
{
}
else if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("MySQL skipped: pass a connection string or set PORTABLE_TEST_MYSQL.");
    if (only is "mysql")
    {
        return 64;
    }
}
else
{
    await using var mySql = await MySqlBenchStore.CreateAsync(connectionString, byKind: profile);
    Console.Error.WriteLine($"MySQL server: {await mySql.ServerSummaryAsync()}");
    await MeasureAsync(mySql, StoreGoals.MySql);
    if (!args.Contains("--no-scale-out"))
    {
        await MeasureScaleOutAsync(mySql);
    }
}

Console.WriteLine();
table.Print(Console.Out);
Console.WriteLine(table.AllGoalsMet ? "All goals met." : "Some goals were NOT met.");
return table.AllGoalsMet ? 0 : 2;

async Task MeasureAsync(BenchStore store, StoreGoals goals)
{
    await using (var warm = await BenchHost.StartAsync(store))
    {
        // JIT, pools and the schema, before anything is timed. Enough orchestrations for the tiered JIT to have
        // recompiled the hot paths: after 20 the timed run still paid for it, a fifth of the MySQL rate on two cores.
        await Workloads.HelloSequence5PerSecondAsync(warm.Client, warmup);
        await Workloads.FanOutActivitiesPerSecondAsync(warm.Client, 1, width);
    }

    if (goals.RawConnections > 1)
    {
        table.Add(new BenchResult(store.Name, "raw single-row INSERT autocommit, 1 connection", await store.RawCommitsPerSecondAsync(1, window), "commits/s"));
    }

    var raws = new List<double> { await RawAsync(store, goals.RawConnections) };
    var hello = new List<Round>();
    var fanOut = new List<Round>();
    for (var round = 0; round < rounds; round++)
    {
        hello.Add(await RunAsync(store, host => Workloads.HelloSequence5PerSecondAsync(host.Client, instances), instances, $"{instances} HelloSequence5"));
        fanOut.Add(await RunAsync(store, host => Workloads.FanOutActivitiesPerSecondAsync(host.Client, runs, width), runs, $"{runs} fan-outs of {width}"));
        raws.Add(await RawAsync(store, goals.RawConnections));
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  round {round + 1}: HelloSequence5 {hello[^1].Rate:N0}/s ({hello[^1].Counts.Deadlocks?.ToString(CultureInfo.InvariantCulture) ?? "-"} deadlocks), fan-out {fanOut[^1].Rate:N0}/s ({fanOut[^1].Counts.Deadlocks?.ToString(CultureInfo.InvariantCulture) ?? "-"} deadlocks), raw {raws[^2]:N0} and {raws[^1]:N0}/s"));
    }

    table.Add(new BenchResult(store.Name, $"raw single-row INSERT autocommit, {goals.RawConnections} connection{(goals.RawConnections > 1 ? "s" : "")} (median)", Median(raws), "commits/s"));
    var (helloRound, helloRaw) = MedianRound(hello, raws);
    var perWorkflow = helloRound.Counts;
    table.Add(new BenchResult(store.Name, "HelloSequence5", helloRound.Rate, "orchestrations/s", helloRaw).AtLeast(goals.HelloSequence5, goals.QuietRaw));
    table.Add(new BenchResult(store.Name, "  write transactions per HelloSequence5", perWorkflow.WriteTransactions / (double)instances, "per workflow") { Max = goals.WritesPerHello });
    if (perWorkflow.RoundTrips is { } roundTrips)
    {
        table.Add(new BenchResult(store.Name, "  round trips per HelloSequence5", roundTrips / (double)instances, "per workflow") { Max = goals.RoundTripsPerHello });
    }

    if (perWorkflow.Deadlocks is { } deadlocks)
    {
        table.Add(new BenchResult(store.Name, $"  deadlocks per {instances} HelloSequence5", deadlocks, "retried"));
    }

    table.Add(new BenchResult(store.Name, "  claims that found nothing", perWorkflow.EmptyClaimShare * 100, $"% of {perWorkflow.Claims:N0}") { Max = 10 });

    var (fanRound, fanRaw) = MedianRound(fanOut, raws);
    table.Add(new BenchResult(store.Name, $"fan-out/fan-in of {width}", fanRound.Rate, "activities/s", fanRaw).AtLeast(goals.FanOut, goals.QuietRaw));
    table.Add(new BenchResult(store.Name, $"  write transactions per fan-out of {width}", fanRound.Counts.WriteTransactions / (double)runs, "per workflow"));
    if (fanRound.Counts.RoundTrips is { } fanTrips)
    {
        table.Add(new BenchResult(store.Name, $"  round trips per fan-out of {width}", fanTrips / (double)runs, "per workflow"));
    }

    table.Add(new BenchResult(store.Name, "  claims that found nothing", fanRound.Counts.EmptyClaimShare * 100, $"% of {fanRound.Counts.Claims:N0}") { Max = 10 });
}

// HelloSequence5 with its workers in 1, 2 and 4 processes of their own on the one database, the client in this one;
// each figure beside the raw rate measured around it. Every orchestration is checked to have completed with its output.
async Task MeasureScaleOutAsync(MySqlBenchStore store)
{
    var raw = await RawAsync(store, StoreGoals.MySql.RawConnections);
    foreach (var processes in new[] { 1, 2, 4 })
    {
        await store.EmptyAsync();
        var workers = new List<WorkerProcess>();
        try
        {
            for (var i = 0; i < processes; i++)
            {
                workers.Add(await WorkerProcess.StartAsync(store.ConnectionString, orchestrators));
            }

            await using var client = await BenchHost.StartAsync(store.AddStore, worker: false);
            await Workloads.HelloSequence5PerSecondAsync(client.Client, warmup);
            var rate = await Workloads.HelloSequence5PerSecondAsync(client.Client, instances);
            var after = await RawAsync(store, StoreGoals.MySql.RawConnections);
            table.Add(new BenchResult(store.Name, $"HelloSequence5, workers in {processes} process{(processes > 1 ? "es" : "")}", rate, "orchestrations/s", (raw + after) / 2));
            raw = after;
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }
}

async Task<double> RawAsync(BenchStore store, int connections)
{
    var rate = await store.RawCommitsPerSecondAsync(connections, window);
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {store.Name} raw on {connections}: {rate:N0} commits/s"));
    return rate;
}

async Task<Round> RunAsync(BenchStore store, Func<BenchHost, Task<double>> workload, int workflows, string title)
{
    await store.EmptyAsync();
    causes.ForgetStarts();
    await using var host = await BenchHost.StartAsync(store, orchestrators);

    // Counted from the worker's first look at the store (one claim of each loop), the process's start, not the workload's.
    await causes.WaitForStartsAsync(BenchHost.Loops);
    var before = store.Counts(host.Calls);
    var emptyBefore = causes.Empty();
    var kindsBefore = (store as MySqlBenchStore)?.CommandKinds();
    var rate = await workload(host);
    var counts = store.Counts(host.Calls) - before;
    if (profile && kindsBefore is not null)
    {
        Console.Error.WriteLine($"{store.Name} round trips for {title}, by command:{Environment.NewLine}{((MySqlBenchStore)store).CommandKindsSince(kindsBefore)}");
    }

    Console.Error.WriteLine($"  {store.Name} {title}: {counts.EmptyClaims:N0} of {counts.Claims:N0} claims found nothing, by cause: {causes.EmptySince(emptyBefore)}");
    if (profile)
    {
        host.Calls.Print(Console.Error, $"{store.Name} store calls for {title}:");
    }

    return new Round(rate, counts);
}

// The round whose ratio to the mean of the baselines around it is the median, with that mean.
static (Round Round, double Raw) MedianRound(List<Round> measured, List<double> raws)
{
    var ranked = measured
        .Select((round, index) => (Round: round, Raw: (raws[index] + raws[index + 1]) / 2))
        .OrderBy(pair => pair.Round.Rate / pair.Raw)
        .ToList();
    return ranked[ranked.Count / 2];
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

int Option(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? Text(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

internal sealed record Round(double Rate, WorkCounts Counts);
