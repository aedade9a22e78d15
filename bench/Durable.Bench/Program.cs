// Durable runtime throughput on SQLite and MySQL. Each rate is printed next to the raw committed-transaction rate of
// the same store measured in the same run (single-row INSERT autocommits on one connection), and their ratio:
//   dotnet run -c Release --project bench/Durable.Bench -- ["<MySQL connection string>"] [--seconds 3] [--instances 500] [--runs 10] [--warmup 300] [--width 100] [--profile] [--only sqlite|mysql]
// The connection string defaults to $PORTABLE_TEST_MYSQL (eval "$(bash scripts/mariadb.sh start)"); without one only
// SQLite runs. The MySQL user must be allowed to create the scratch database <database>_durable_bench.
using System.Globalization;
using Portable.Bench.Durable;

var connectionString = args.FirstOrDefault(arg => !arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
    ?? Environment.GetEnvironmentVariable("PORTABLE_TEST_MYSQL");
var window = TimeSpan.FromSeconds(Option("--seconds", 3));
var instances = Option("--instances", 500);
var runs = Option("--runs", 10);
var warmup = Option("--warmup", 300);
var width = Option("--width", 100);
var profile = args.Contains("--profile");
var only = Text("--only");
int? orchestrators = Text("--orchestrators") is { } loops ? int.Parse(loops, CultureInfo.InvariantCulture) : null;

var table = new ResultTable();
Console.Error.WriteLine($"{Environment.ProcessorCount} cores; raw commits over {window.TotalSeconds} s; {instances} HelloSequence5; {runs} fan-outs of {width}");
if (only is null or "sqlite")
{
    await using var sqlite = new SqliteBenchStore();
    await MeasureAsync(sqlite, fanOutGoal: 1000);
}

if (only is "sqlite")
{
}
else if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("MySQL skipped: pass a connection string or set PORTABLE_TEST_MYSQL.");
}
else
{
    await using var mySql = await MySqlBenchStore.CreateAsync(connectionString);
    Console.Error.WriteLine($"MySQL server: {await mySql.ServerSummaryAsync()}");
    await MeasureAsync(mySql, fanOutGoal: null);
}

Console.WriteLine();
table.Print(Console.Out);
Console.WriteLine(table.AllGoalsMet ? "All goals met." : "Some goals were NOT met.");
return table.AllGoalsMet ? 0 : 2;

async Task MeasureAsync(BenchStore store, double? fanOutGoal)
{
    await using (var warm = await BenchHost.StartAsync(store))
    {
        // JIT, pools and the schema, before anything is timed. Enough orchestrations for the tiered JIT to have
        // recompiled the hot paths: after 20 the timed run still paid for it, a fifth of the MySQL rate on two cores.
        await Workloads.HelloSequence5PerSecondAsync(warm.Client, warmup);
        await Workloads.FanOutActivitiesPerSecondAsync(warm.Client, 1, width);
    }

    var raw = table.Add(new BenchResult(store.Name, "raw single-row INSERT autocommit, 1 connection", await store.RawCommitsPerSecondAsync(1, window), "commits/s"));
    if (store is MySqlBenchStore)
    {
        table.Add(new BenchResult(store.Name, "raw single-row INSERT autocommit, 8 connections", await store.RawCommitsPerSecondAsync(8, window), "commits/s"));
    }

    await store.EmptyAsync();
    await using (var host = await BenchHost.StartAsync(store, profile, orchestrators))
    {
        using var sampling = new CancellationTokenSource();
        var pool = profile ? SampleThreadPoolAsync(sampling.Token) : Task.FromResult("");
        table.Add(new BenchResult(store.Name, "HelloSequence5", await Workloads.HelloSequence5PerSecondAsync(host.Client, instances), "orchestrations/s", raw.Value, Goal: 100));
        await sampling.CancelAsync();
        host.Profile?.Print(Console.Error, $"{store.Name} store calls for {instances} HelloSequence5 ({await pool}):");
    }

    await store.EmptyAsync();
    await using (var host = await BenchHost.StartAsync(store, profile, orchestrators))
    {
        table.Add(new BenchResult(store.Name, $"fan-out/fan-in of {width}", await Workloads.FanOutActivitiesPerSecondAsync(host.Client, runs, width), "activities/s", raw.Value, fanOutGoal));
        host.Profile?.Print(Console.Error, $"{store.Name} store calls for {runs} fan-outs of {width}:");
    }
}

static async Task<string> SampleThreadPoolAsync(CancellationToken cancellationToken)
{
    long samples = 0, pending = 0, maxPending = 0, threads = 0;
    while (!cancellationToken.IsCancellationRequested)
    {
        samples++;
        pending += ThreadPool.PendingWorkItemCount;
        maxPending = Math.Max(maxPending, ThreadPool.PendingWorkItemCount);
        threads += ThreadPool.ThreadCount;
        await Task.Delay(20, CancellationToken.None);
    }

    return string.Create(CultureInfo.InvariantCulture, $"thread pool: {threads / (double)samples:F1} threads, {pending / (double)samples:F1} queued on average, {maxPending} at most");
}

int Option(string name, int fallback) => Text(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? Text(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
