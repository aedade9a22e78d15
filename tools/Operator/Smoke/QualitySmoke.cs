using System.Text.Json;
using Portable.Operator.Api;

namespace Portable.Operator.Smoke;

/// <summary>
/// Seed 003: an instrument sends a sample that passes and one that fails; the failure is stored with its findings,
/// lab staff are notified, and the failure is listed.
/// </summary>
internal sealed class QualitySmoke(SmokeSession session, SmokeSteps steps)
{
    private static readonly string[] Settled = ["NotRequired", "Delivered", "Undelivered"];

    private readonly string _passing = session.RunId + "-pass";
    private readonly string _failing = session.RunId + "-fail";
    private bool _submitted;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _submitted = await steps.RunAsync("quality: submit a passing and a failing sample", async () =>
        {
            var accepted = await session.ExpectAsync(
                202, HttpMethod.Post, "api/samples", session.Credentials.Lab, $"[{Spectra.Passing(_passing)},{Spectra.Failing(_failing)}]", cancellationToken);
            var instances = JsonFields.Items(accepted).Select(a => JsonFields.String(a, "instanceId")).OfType<string>().ToList();
            if (instances.Count != 2)
            {
                throw new SmokeFailure($"the 202 names {instances.Count} workflows, expected 2: {accepted?.GetRawText()}");
            }

            instances.ForEach(session.Record);
            return string.Join(", ", instances);
        }, cancellationToken);

    public async Task FollowAsync(CancellationToken cancellationToken)
    {
        string[] names =
        [
            "quality: the passing sample passes and nobody is notified",
            "quality: the failing sample fails with findings and lab staff are notified",
            "quality: the failure is listed in /api/qc/failures",
        ];
        if (!_submitted)
        {
            foreach (var name in names)
            {
                steps.Skip(name, "no sample was submitted");
            }

            return;
        }

        await steps.RunAsync(names[0], async () =>
        {
            var sample = await SettledAsync(_passing, cancellationToken);
            return (JsonFields.String(sample, "status"), JsonFields.String(sample, "notificationStatus")) is ("Passed", "NotRequired")
                ? "Passed, NotRequired"
                : throw new SmokeFailure($"expected Passed and NotRequired: {sample.GetRawText()}");
        }, cancellationToken);

        var failed = await steps.RunAsync(names[1], async () =>
        {
            var sample = await SettledAsync(_failing, cancellationToken);
            var findings = JsonFields.Items(JsonFields.Get(sample, "findings")).Select(f => JsonFields.String(f, "rule") ?? "?").ToList();
            var status = JsonFields.String(sample, "status");
            var notification = JsonFields.String(sample, "notificationStatus");
            if (status != "Failed" || findings.Count == 0)
            {
                throw new SmokeFailure($"expected Failed with findings: {sample.GetRawText()}");
            }

            return notification == "Delivered"
                ? $"Failed ({string.Join(", ", findings)}), notification Delivered"
                : throw new SmokeFailure($"Failed ({string.Join(", ", findings)}) but its notification is {notification}: {JsonFields.String(sample, "notificationError")}");
        }, cancellationToken);

        if (!failed)
        {
            steps.Skip(names[2], "the failing sample did not settle as failed");
            return;
        }

        await steps.RunAsync(names[2], async () =>
        {
            await session.UntilAsync(
                "api/qc/failures?limit=500", session.Credentials.Lab,
                failures => JsonFields.Items(failures).Any(f => JsonFields.String(f, "sampleId") == _failing),
                $"{_failing} among the failures", cancellationToken);
            return _failing;
        }, cancellationToken);
    }

    private Task<JsonElement> SettledAsync(string sampleId, CancellationToken cancellationToken) =>
        session.UntilAsync(
            $"api/samples/{sampleId}", session.Credentials.Lab,
            sample => Settled.Contains(JsonFields.String(sample, "notificationStatus")),
            $"sample {sampleId} to settle", cancellationToken);

    /// <summary>Every instance id of this run's samples starts with this (their notification workflows too).</summary>
    public string InstancePrefix => "qc-" + session.RunId;
}
