using System.Text.RegularExpressions;
using Portable.Operator.Cli;

namespace Portable.EndToEnd.Tests.Operator;

/// <summary>
/// The smoke test of a deployment, run against the embedded host on its embedded stores and queues and on MySQL and SQS,
/// as an operator runs it after a deployment: every step passes, and what it started is gone afterwards.
/// </summary>
[NonParallelizable]
[TestFixture(Backend.Embedded)]
[TestFixture(Backend.MySqlSqs)]
public sealed partial class SmokeCommandTests(string backend)
{
    private LocalHostProcess _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await Backend.StartHostAsync(backend, new Dictionary<string, string>
    {
        ["Orders__DeliveryDelay"] = "00:00:03",
        ["Orders__DispatchInterval"] = "00:00:02",
    });

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    internal static string[] SmokeArguments(string labKey = LocalHostProcess.LabKey) =>
    [
        "smoke", "--write-key", LocalHostProcess.WriteKey, "--read-key", LocalHostProcess.ReadKey, "--token", LocalHostProcess.AliceToken,
        "--lab-key", labKey, "--timeout", "5m",
    ];

    [Test]
    public async Task The_smoke_test_passes_every_step_and_leaves_none_of_its_instances_behind()
    {
        var run = await OperatorRun.RunAsync(_host, SmokeArguments());

        var steps = run.Out.Split('\n').Where(line => line.StartsWith("PASS", StringComparison.Ordinal) || line.StartsWith("FAIL", StringComparison.Ordinal) || line.StartsWith("SKIP", StringComparison.Ordinal)).ToList();
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(steps, Has.Count.EqualTo(15).And.All.StartsWith("PASS  "), run.ToString());
        Assert.That(run.Out, Does.Contain(": PASS"));
        var runId = RunId().Match(run.Out).Value;
        var orders = OrderId().Matches(run.Out).Select(m => m.Value).Distinct().ToList();
        Assert.That(orders, Has.Count.EqualTo(2), run.Out);
        foreach (var id in orders.Append($"qc-{runId}-pass").Append($"qc-{runId}-fail"))
        {
            var (status, _, _) = await _host.Client.SendJsonAsync(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{id}");
            Assert.That(status, Is.EqualTo(404), $"{id} was purged");
        }

        var (_, left, _) = await _host.Client.SendJsonAsync(HttpMethod.Get, $"runtime/webhooks/durabletask/instances?instanceIdPrefix=qc-{runId}");
        Assert.That(left.GetArrayLength(), Is.Zero, "no notification instance of the run is left either");
    }

    [Test]
    public async Task A_smoke_test_with_a_wrong_credential_fails_the_steps_it_blocks_and_exits_non_zero()
    {
        var run = await OperatorRun.RunAsync(_host, SmokeArguments(labKey: "not-the-lab-key"));

        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Failed), run.ToString());
        Assert.That(run.Out, Does.Contain("FAIL  quality: submit a passing and a failing sample").And.Contain("403"));
        Assert.That(run.Out, Does.Contain("SKIP  quality: the failing sample fails with findings and lab staff are notified"));
        Assert.That(run.Out, Does.Contain("PASS  error logs: read them back with the read key").And.Contain("PASS  orders: place an order"));
        Assert.That(run.Out, Does.Contain(": FAIL"));
    }

    [GeneratedRegex("smoke-[0-9]{14}-[0-9a-f]{6}")]
    private static partial Regex RunId();

    [GeneratedRegex("ORD[0-9]{7}")]
    private static partial Regex OrderId();
}
