using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Portable.Core.Quality;

namespace Portable.Functions.Tests.Engine;

/// <summary>
/// Seed 003's quality-control workflows on Microsoft's Durable Task engine, with the real adapter, activities and SQLite
/// store, and a recorded webhook: the verdict and notification stored, the custom status the Functions status API shows,
/// and what the webhook received under which idempotency key. The same scenarios as
/// <c>tests/Durable.Tests/Quality/QualityWorkflowTests</c>, and a webhook that fails at random.
/// </summary>
public sealed class QualityWorkflowTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task A_sample_that_passes_is_stored_as_passed_and_nobody_is_notified(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(EngineQuality.Settings, cancellationToken: cancellationToken);
        var quality = new EngineQuality(host);

        var instance = await host.CompletionAsync(await quality.SubmitAsync(EngineQuality.Clean("S-pass"), cancellationToken), cancellationToken);

        var record = await quality.RecordAsync("S-pass", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(instance.RuntimeStatus, Is.EqualTo(OrchestrationRuntimeStatus.Completed));
            Assert.That(quality.Outcome(instance), Is.EqualTo(new NotificationOutcome("S-pass", NotificationStatus.NotRequired, 0, null)));
            Assert.That(instance.SerializedCustomStatus, Is.Null);
            Assert.That((record!.Passed, record.NotificationStatus, record.AcquiredAt, record.InstanceId),
                Is.EqualTo((true, NotificationStatus.NotRequired, (DateTimeOffset?)EngineQuality.AcquiredAt, "qc-S-pass")));
            Assert.That(host.Webhook.Calls, Is.Empty);
            Assert.That(host.History.ActivityRuns("qc-S-pass", NotifyLabStaffActivity.Name), Is.Zero);
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_sample_that_fails_is_stored_with_its_findings_and_lab_staff_are_notified_once(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(EngineQuality.Settings, cancellationToken: cancellationToken);
        var quality = new EngineQuality(host);

        var instance = await host.CompletionAsync(await quality.SubmitAsync(EngineQuality.Saturated("S-fail"), cancellationToken), cancellationToken);

        var record = await quality.RecordAsync("S-fail", cancellationToken);
        var call = host.Webhook.Calls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(quality.Outcome(instance), Is.EqualTo(new NotificationOutcome("S-fail", NotificationStatus.Delivered, 1, null)));
            Assert.That(instance.SerializedCustomStatus, Is.EqualTo("\"Delivered\""), "as the Functions status API shows it");
            Assert.That((record!.Passed, record.NotificationStatus, record.NotificationAttempts), Is.EqualTo((false, NotificationStatus.Delivered, 1)));
            Assert.That(record.Findings.Select(finding => finding.Rule), Does.Contain("saturation"));
            Assert.That((call.IdempotencyKey, call.Accepted), Is.EqualTo(("qc-S-fail:notify", true)));
            Assert.That((call.Notification.SampleId, call.Notification.AcquiredAt, call.Notification.Findings.Count),
                Is.EqualTo(("S-fail", EngineQuality.AcquiredAt, record.Findings.Count)));
            Assert.That(host.History.Replays("qc-S-fail"), Is.GreaterThan(0), "every step after the first replayed the ones before");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task A_notification_the_webhook_refuses_every_time_is_recorded_undelivered_after_the_last_attempt(CancellationToken cancellationToken)
    {
        await using var host = await EngineHost.StartAsync(EngineQuality.Settings, new TestWebhook { Failing = true }, cancellationToken: cancellationToken);
        var quality = new EngineQuality(host);

        var instance = await host.CompletionAsync(await quality.SubmitAsync(EngineQuality.Saturated("S-lost"), cancellationToken), cancellationToken);

        var outcome = quality.Outcome(instance);
        var record = await quality.RecordAsync("S-lost", cancellationToken);
        var errors = host.Logs.Entries.Where(entry => entry.Level == LogLevel.Error && entry.Message.Contains("NOT delivered", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(instance.RuntimeStatus, Is.EqualTo(OrchestrationRuntimeStatus.Completed));
            Assert.That((outcome.Status, outcome.Attempts), Is.EqualTo((NotificationStatus.Undelivered, EngineQuality.MaxAttempts)));
            Assert.That(outcome.Error, Does.Contain("503"));
            Assert.That(instance.SerializedCustomStatus, Is.EqualTo("\"Undelivered\""));
            Assert.That((record!.NotificationStatus, record.NotificationAttempts, record.NotificationError), Is.EqualTo((NotificationStatus.Undelivered, 3, outcome.Error)));
            Assert.That(host.Webhook.Calls.Select(call => call.IdempotencyKey), Is.EqualTo(Enumerable.Repeat("qc-S-lost:notify", EngineQuality.MaxAttempts)));
            Assert.That(host.History.ActivityRuns("qc-S-lost", NotifyLabStaffActivity.Name), Is.EqualTo(EngineQuality.MaxAttempts));
            Assert.That(errors.Select(error => error.Values["SampleId"]), Is.EqualTo(new[] { "S-lost" }), "one error naming the sample: replay logs nothing again");
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task An_undelivered_notification_is_sent_again_from_the_stored_record_after_the_samples_workflow_is_purged(CancellationToken cancellationToken)
    {
        var webhook = new TestWebhook { Failing = true };
        await using var host = await EngineHost.StartAsync(EngineQuality.Settings, webhook, cancellationToken: cancellationToken);
        var quality = new EngineQuality(host);
        var check = await quality.SubmitAsync(EngineQuality.Saturated("S-retry"), cancellationToken);
        await host.CompletionAsync(check, cancellationToken);
        var purged = await host.Client.PurgeInstanceAsync(check, cancellationToken);

        webhook.Failing = false;
        var accepted = await quality.RetryAsync("S-retry", cancellationToken);
        var retry = await host.CompletionAsync(accepted.InstanceId, cancellationToken);

        var record = await quality.RecordAsync("S-retry", cancellationToken);
        var calls = webhook.Calls;
        Assert.Multiple(() =>
        {
            Assert.That(purged.PurgedInstanceCount, Is.EqualTo(1));
            Assert.That(accepted.InstanceId, Is.EqualTo("qc-S-retry-notify"));
            Assert.That(retry.Name, Is.EqualTo(QualityNotificationWorkflow.Name));
            Assert.That(quality.Outcome(retry), Is.EqualTo(new NotificationOutcome("S-retry", NotificationStatus.Delivered, 1, null)));
            Assert.That(retry.SerializedCustomStatus, Is.EqualTo("\"Delivered\""));
            Assert.That(record!.NotificationStatus, Is.EqualTo(NotificationStatus.Delivered));
            Assert.That(calls.Select(call => call.Accepted), Is.EqualTo(new[] { false, false, false, true }), "three refused, then the retry");
            Assert.That(calls.Select(call => call.IdempotencyKey).Distinct(), Is.EqualTo(new[] { "qc-S-retry:notify" }), "the same key as the refused attempts");
            Assert.That(calls[^1].Notification.AcquiredAt, Is.EqualTo(EngineQuality.AcquiredAt), "read from the stored record");
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Samples_notified_through_a_webhook_that_fails_at_random_are_each_delivered_once_or_recorded_undelivered(CancellationToken cancellationToken)
    {
        // Half the calls refused, by a seeded die: with three attempts some samples get through late and some never.
        var webhook = TestWebhook.FailingAtRandom(seed: 3, failureRate: 0.5);
        await using var host = await EngineHost.StartAsync(EngineQuality.Settings, webhook, cancellationToken: cancellationToken);
        var quality = new EngineQuality(host);
        var samples = Enumerable.Range(1, 12).Select(number => $"S-rnd-{number:00}").ToList();

        var instanceIds = new List<string>();
        foreach (var sample in samples)
        {
            instanceIds.Add(await quality.SubmitAsync(EngineQuality.Saturated(sample), cancellationToken));
        }

        var outcomes = new List<NotificationOutcome>();
        foreach (var instanceId in instanceIds)
        {
            outcomes.Add(quality.Outcome(await host.CompletionAsync(instanceId, cancellationToken)));
        }

        var calls = webhook.Calls;
        Assert.That(outcomes.Select(outcome => outcome.Status).Distinct(), Is.EquivalentTo(new[] { NotificationStatus.Delivered, NotificationStatus.Undelivered }),
            "the die gives both ends; a seed that does not is no test of either");
        foreach (var outcome in outcomes)
        {
            var key = QualityWorkflow.NotificationKeyFor(QualityWorkflow.InstanceIdFor(outcome.SampleId));
            var mine = calls.Where(call => call.IdempotencyKey == key).Select(call => call.Accepted).ToList();
            var record = await quality.RecordAsync(outcome.SampleId, cancellationToken);
            Assert.Multiple(() =>
            {
                Assert.That(record!.NotificationStatus, Is.EqualTo(outcome.Status), outcome.SampleId);
                Assert.That(mine.Count(accepted => accepted), Is.EqualTo(outcome.Status == NotificationStatus.Delivered ? 1 : 0), $"{outcome.SampleId}: one notification per key");
                Assert.That(mine, Has.Count.EqualTo(outcome.Status == NotificationStatus.Delivered ? outcome.Attempts : EngineQuality.MaxAttempts), $"{outcome.SampleId}: one call per attempt");
                Assert.That(mine[^1], Is.EqualTo(outcome.Status == NotificationStatus.Delivered), $"{outcome.SampleId}: nothing sent after the delivery");
            });
        }
    }
}
