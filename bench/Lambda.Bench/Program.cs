using System.Globalization;
using Portable.Lambda.Bench;

// Usage: Portable.Lambda.Bench <cold runs> <warm invocations> NAME=bootstrap ...
// The first variant is the baseline of the ratios and the one the goals judge. bench/Lambda.Bench/run.sh publishes the
// builds, starts MariaDB and the SQS emulator, and passes them here.
if (args.Length < 3 || args.Skip(2).Any(arg => !arg.Contains('=', StringComparison.Ordinal)))
{
    Console.Error.WriteLine("Usage: Portable.Lambda.Bench <cold runs> <warm invocations> AOT=<bootstrap> JIT=<bootstrap> [...]");
    return 2;
}

var coldRuns = int.Parse(args[0], CultureInfo.InvariantCulture);
var warmInvocations = int.Parse(args[1], CultureInfo.InvariantCulture);
var variants = args.Skip(2).Select(arg => arg.Split('=', 2)).Select(pair => new Variant(pair[0], Path.GetFullPath(pair[1]))).ToList();
var baseline = variants[0];

await using var stores = await Stores.OpenAsync();
var functions = new[] { Function.Api, Function.Queue(stores.Settings.GetValueOrDefault("Sqs__QueuePrefix", "")), Function.Schedule };

// Goals of the baseline build, on CPU time: a cold start's own work, which other load on the machine barely moves.
var cpuGoalsMs = new Dictionary<string, double> { ["api"] = 20, ["queue"] = 50, ["schedule"] = 50 };
const double PeakGoalMb = 64;

// One unmeasured start of each, so that every build finds its files in the page cache, the database its schema and
// the emulator its queues. Every build runs every function: two native builds side by side are an A/B comparison.
foreach (var variant in variants)
{
    await Measurement.BareStartAsync(variant);
    foreach (var function in functions)
    {
        await Measurement.ColdStartAsync(variant, function, stores);
    }
}

// Cold starts in alternating rounds, so that the load of a shared machine falls on every build and function alike.
var bare = variants.ToDictionary(variant => variant.Name, _ => new List<ColdStart>());
var colds = new Dictionary<(string Variant, string Function), List<ColdStart>>();
for (var round = 0; round < coldRuns; round++)
{
    foreach (var variant in variants)
    {
        bare[variant.Name].Add(await Measurement.BareStartAsync(variant));
        foreach (var function in functions)
        {
            var key = (variant.Name, function.Handler);
            if (!colds.TryGetValue(key, out var list))
            {
                colds[key] = list = [];
            }

            list.Add(await Measurement.ColdStartAsync(variant, function, stores));
        }
    }
}

var warm = new Dictionary<string, (double P50, double P99, double PeakRssMb)>();
foreach (var variant in variants)
{
    warm[variant.Name] = await Measurement.WarmAsync(variant, warmInvocations, stores);
}

double Wall(string variant, string function) => Measurement.Median(colds[(variant, function)].Select(cold => cold.WallMs));
double Cpu(string variant, string function) => Measurement.Median(colds[(variant, function)].Select(cold => cold.CpuMs));
double BareCpu(string variant) => Measurement.Median(bare[variant].Select(start => start.CpuMs));

Console.WriteLine(Invariant($"Lambda bootstrap, {Environment.ProcessorCount} cores, stores: {stores.Description}"));
Console.WriteLine(Invariant($"{coldRuns} cold starts per build and function (median), {warmInvocations} warm GET /api/metadata/cloud"));
Console.WriteLine();
Console.WriteLine(Invariant($"{"api function",-40}") + string.Concat(variants.Select(variant => Invariant($"{variant.Name,12}")))
    + string.Concat(variants.Skip(1).Select(variant => Invariant($"{variant.Name + "/" + baseline.Name,14}"))));
Row("bare start (no Runtime API), CPU ms", variant => BareCpu(variant.Name));
Row("cold start: process to response, ms", variant => Wall(variant.Name, "api"));
Row("cold start, CPU ms", variant => Cpu(variant.Name, "api"));
Row("warm invocation p50, ms", variant => warm[variant.Name].P50);
Row("warm invocation p99, ms", variant => warm[variant.Name].P99);
Row("peak RSS after a store workload, MB", variant => warm[variant.Name].PeakRssMb);

Console.WriteLine();
Console.WriteLine(Invariant($"{baseline.Name}, every function: {"cold ms",9} {"CPU ms",8} {"CPU/bare",9} {"peak MB",8}   goal"));
var missed = new List<string>();
foreach (var function in functions)
{
    var cpu = Cpu(baseline.Name, function.Handler);
    var peak = colds[(baseline.Name, function.Handler)].Max(cold => cold.PeakRssMb);
    var goal = cpuGoalsMs[function.Handler];
    var met = cpu < goal && peak < PeakGoalMb;
    if (!met)
    {
        missed.Add(function.Handler);
    }

    Console.WriteLine(Invariant($"  {function.Handler,-30} {Wall(baseline.Name, function.Handler),9:F1} {cpu,8:F1} {cpu / BareCpu(baseline.Name),8:F1}x {peak,8:F1}   CPU < {goal} ms, peak < {PeakGoalMb} MB: {(met ? "met" : "missed")}"));
}

foreach (var variant in variants.Skip(1))
{
    Console.WriteLine();
    Console.WriteLine(Invariant($"{variant.Name}, every function: {"cold ms",9} {"CPU ms",8} {"CPU/bare",9} {"peak MB",8}   CPU/{baseline.Name}"));
    foreach (var function in functions)
    {
        var cpu = Cpu(variant.Name, function.Handler);
        var peak = colds[(variant.Name, function.Handler)].Max(cold => cold.PeakRssMb);
        Console.WriteLine(Invariant($"  {function.Handler,-30} {Wall(variant.Name, function.Handler),9:F1} {cpu,8:F1} {cpu / BareCpu(variant.Name),8:F1}x {peak,8:F1}   {cpu / Cpu(baseline.Name, function.Handler),8:F2}x"));
    }
}

Console.WriteLine();
Console.WriteLine(Invariant($"load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
foreach (var ((variant, function), list) in colds)
{
    Console.WriteLine(Invariant($"{variant} {function} cold starts, wall/CPU ms: {string.Join(", ", list.Select(cold => Invariant($"{cold.WallMs:F0}/{cold.CpuMs:F0}")))}"));
}

Console.WriteLine();
Console.WriteLine(missed.Count == 0
    ? Invariant($"Goals for {baseline.Name}: all met.")
    : Invariant($"Goals for {baseline.Name}: missed by {string.Join(", ", missed)}."));
return missed.Count == 0 ? 0 : 1;

void Row(string metric, Func<Variant, double> value) =>
    Console.WriteLine(Invariant($"{metric,-40}") + string.Concat(variants.Select(variant => Invariant($"{value(variant),12:F2}")))
        + string.Concat(variants.Skip(1).Select(variant => Invariant($"{value(variant) / value(baseline),13:F1}x"))));

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
