using System.Globalization;
using Portable.Lambda.Bench;

// Usage: Portable.Lambda.Bench <cold runs> <warm invocations> NAME=bootstrap ...
// The first variant is the baseline of the ratios. bench/Lambda.Bench/run.sh publishes the builds and passes them here.
if (args.Length < 3 || args.Skip(2).Any(arg => !arg.Contains('=', StringComparison.Ordinal)))
{
    Console.Error.WriteLine("Usage: Portable.Lambda.Bench <cold runs> <warm invocations> AOT=<bootstrap> JIT=<bootstrap> [...]");
    return 2;
}

var coldRuns = int.Parse(args[0], CultureInfo.InvariantCulture);
var warmInvocations = int.Parse(args[1], CultureInfo.InvariantCulture);
var variants = args.Skip(2).Select(arg => arg.Split('=', 2)).Select(pair => new Variant(pair[0], Path.GetFullPath(pair[1]))).ToList();

// One unmeasured start each, so that every build finds its files in the page cache.
foreach (var variant in variants)
{
    await Measurement.ColdStartAsync(variant);
}

// Cold starts in alternating rounds, so that the load of a shared machine falls on every build alike.
var colds = variants.ToDictionary(variant => variant.Name, _ => new List<double>());
for (var round = 0; round < coldRuns; round++)
{
    foreach (var variant in variants)
    {
        colds[variant.Name].Add(await Measurement.ColdStartAsync(variant));
    }
}

var results = new List<VariantResult>();
foreach (var variant in variants)
{
    var (p50, p99, peak) = await Measurement.WarmAsync(variant, warmInvocations);
    results.Add(new VariantResult(variant.Name, Measurement.Median(colds[variant.Name]), colds[variant.Name], p50, p99, peak));
}

var baseline = results[0];
Console.WriteLine(Invariant($"Lambda bootstrap, api handler, {Environment.ProcessorCount} cores; {coldRuns} cold starts (median), {warmInvocations} warm GET /api/metadata/cloud"));
Console.WriteLine();
Console.WriteLine(Invariant($"{"metric",-38}") + string.Concat(results.Select(result => Invariant($"{result.Name,12}")))
    + string.Concat(results.Skip(1).Select(result => Invariant($"{result.Name + "/" + baseline.Name,14}"))));
Row("cold start: process to response, ms", result => result.ColdStartMs);
Row("warm invocation p50, ms", result => result.WarmP50Ms);
Row("warm invocation p99, ms", result => result.WarmP99Ms);
Row("peak RSS (VmHWM), MB", result => result.PeakRssMb);
Console.WriteLine();
foreach (var result in results)
{
    Console.WriteLine(Invariant($"{result.Name} cold starts, ms: {string.Join(", ", result.ColdStartsMs.Select(ms => ms.ToString("F1", CultureInfo.InvariantCulture)))}"));
}

Console.WriteLine();
Console.WriteLine(Invariant($"Goals for {baseline.Name}: cold start < 50 ms: {(baseline.ColdStartMs < 50 ? "met" : "missed")}; peak memory < 64 MB: {(baseline.PeakRssMb < 64 ? "met" : "missed")}"));
return 0;

void Row(string metric, Func<VariantResult, double> value) =>
    Console.WriteLine(Invariant($"{metric,-38}") + string.Concat(results.Select(result => Invariant($"{value(result),12:F2}")))
        + string.Concat(results.Skip(1).Select(result => Invariant($"{value(result) / value(baseline),13:F1}x"))));

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
