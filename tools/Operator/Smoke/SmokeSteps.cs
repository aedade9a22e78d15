using System.Diagnostics;
using System.Globalization;
using Portable.Operator.Cli;

namespace Portable.Operator.Smoke;

/// <summary>
/// Runs the smoke test's steps one after another, printing a PASS, FAIL or SKIP line for each as it ends; a step that
/// needs what a failed one would have made is skipped, and counts against the run as a failure does.
/// </summary>
internal sealed class SmokeSteps(TextWriter writer)
{
    private readonly Stopwatch _total = Stopwatch.StartNew();

    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public int Skipped { get; private set; }

    /// <summary>Runs <paramref name="step"/>, which answers a short note on success; true when it passed.</summary>
    public async Task<bool> RunAsync(string name, Func<Task<string>> step, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var note = await step();
            Passed++;
            Write("PASS", name, watch, note);
            return true;
        }
        catch (Exception exception) when (exception is SmokeFailure or OperatorException
                                              || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Failed++;
            Write("FAIL", name, watch, exception is OperationCanceledException ? "did not happen within --timeout" : exception.Message);
            return false;
        }
    }

    public void Skip(string name, string because)
    {
        Skipped++;
        writer.WriteLine($"SKIP  {name}: {because}");
    }

    public void WriteSummary() =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"smoke: {Passed} passed, {Failed} failed, {Skipped} skipped in {_total.Elapsed.TotalSeconds:0.0} s: {(Failed + Skipped == 0 ? "PASS" : "FAIL")}"));

    private void Write(string outcome, string name, Stopwatch watch, string note) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{outcome}  {name} ({watch.Elapsed.TotalSeconds:0.0} s){(note.Length > 0 ? ": " + note : "")}"));
}
