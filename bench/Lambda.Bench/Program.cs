using System.Globalization;
using Portable.Lambda.Bench;

// Usage: Portable.Lambda.Bench <aot bootstrap> <jit bootstrap> [cold runs] [warm invocations]
// bench/Lambda.Bench/run.sh publishes both builds and passes them here.
if (args.Length < 2)
{
    Console.Error.WriteLine("Usage: Portable.Lambda.Bench <aot bootstrap> <jit bootstrap> [cold runs = 7] [warm invocations = 500]");
    return 2;
}

var coldRuns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
var warmInvocations = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 500;
Variant[] variants = [new("AOT", Path.GetFullPath(args[0])), new("JIT", Path.GetFullPath(args[1]))];

// One unmeasured start each, so that both find their files in the page cache.
foreach (var variant in variants)
{
    await Measurement.ColdStartAsync(variant);
}

// Cold starts in alternating rounds, so that the load of a shared machine falls on both alike.
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

var (aot, jit) = (results[0], results[1]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Lambda bootstrap, api handler, {Environment.ProcessorCount} cores; {coldRuns} cold starts (median), {warmInvocations} warm GET /api/metadata/cloud"));
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"metric",-34}{"AOT",12}{"JIT",12}{"JIT/AOT",10}"));
Row("cold start: process to response, ms", aot.ColdStartMs, jit.ColdStartMs);
Row("warm invocation p50, ms", aot.WarmP50Ms, jit.WarmP50Ms);
Row("warm invocation p99, ms", aot.WarmP99Ms, jit.WarmP99Ms);
Row("peak RSS (VmHWM), MB", aot.PeakRssMb, jit.PeakRssMb);
Console.WriteLine();
foreach (var result in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Name} cold starts, ms: {string.Join(", ", result.ColdStartsMs.Select(ms => ms.ToString("F1", CultureInfo.InvariantCulture)))}"));
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Goals: AOT cold start < 50 ms: {(aot.ColdStartMs < 50 ? "met" : "missed")}; AOT peak memory < 64 MB: {(aot.PeakRssMb < 64 ? "met" : "missed")}"));
return 0;

static void Row(string metric, double aot, double jit) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{metric,-34}{aot,12:F2}{jit,12:F2}{jit / aot,9:F1}x"));
