using Microsoft.Extensions.Logging;
using Portable.Core.Quality;
using Portable.Core.Validation;
using Portable.Durable.Tests.Infrastructure;

namespace Portable.Durable.Tests.Quality;

/// <summary>
/// Every branch of the quality-control workflows, in process on the durable runtime with the real activities over a
/// SQLite store and a recorded webhook: the verdict and notification stored, what the workflow shows, and what the
/// webhook received under which idempotency key.
/// </summary>
public sealed class QualityWorkflowTests
{
    [Test]
    [CancelAfter(30_000)]
    public async Task A_sample_that_passes_is_stored_as_passed_and_nobody_is_notified(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(QualityScenario.Settings);
        var quality = new QualityScenario(run.Host);

        var instance = await quality.CompletionAsync(await quality.SubmitAsync(QualityScenario.Clean("S-pass"), cancellationToken), cancellationToken);

        var record = await quality.RecordAsync("S-pass", cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That(quality.Outcome(instance), Is.EqualTo(new NotificationOutcome("S-pass", NotificationStatus.NotRequired, 0, null)));
            Assert.That(quality.CustomStatus(instance), Is.Null);
            Assert.That((record!.Passed, record.NotificationStatus, record.AcquiredAt, record.InstanceId),
                Is.EqualTo((true, NotificationStatus.NotRequired, (DateTimeOffset?)QualityScenario.AcquiredAt, "qc-S-pass")));
            Assert.That(run.App.Webhook.Received, Is.Empty);
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_sample_that_fails_is_stored_with_its_findings_and_lab_staff_are_notified_once(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(QualityScenario.Settings);
        var quality = new QualityScenario(run.Host);

        var instance = await quality.CompletionAsync(await quality.SubmitAsync(QualityScenario.Saturated("S-fail"), cancellationToken), cancellationToken);

        var record = await quality.RecordAsync("S-fail", cancellationToken);
        var (key, notification) = run.App.Webhook.Received.Single();
        Assert.Multiple(() =>
        {
            Assert.That(quality.Outcome(instance), Is.EqualTo(new NotificationOutcome("S-fail", NotificationStatus.Delivered, 1, null)));
            Assert.That(quality.CustomStatus(instance), Is.EqualTo(NotificationStatus.Delivered));
            Assert.That((record!.Passed, record.NotificationStatus, record.NotificationAttempts), Is.EqualTo((false, NotificationStatus.Delivered, 1)));
            Assert.That(record.Findings.Select(finding => finding.Rule), Does.Contain("saturation"));
            Assert.That(key, Is.EqualTo("qc-S-fail:notify"));
            Assert.That((notification.SampleId, notification.AcquiredAt, notification.Findings.Count), Is.EqualTo(("S-fail", QualityScenario.AcquiredAt, record.Findings.Count)));
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_notification_the_webhook_refuses_every_time_is_recorded_undelivered_after_the_last_attempt(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(QualityScenario.Settings);
        run.App.Webhook.Failing = true;
        var quality = new QualityScenario(run.Host);

        var instance = await quality.CompletionAsync(await quality.SubmitAsync(QualityScenario.Saturated("S-lost"), cancellationToken), cancellationToken);

        var outcome = quality.Outcome(instance);
        var record = await quality.RecordAsync("S-lost", cancellationToken);
        var error = await run.Host.Logs.WaitForAsync(line => line.Level == LogLevel.Error && line.Message.Contains("NOT delivered", StringComparison.Ordinal), cancellationToken);
        Assert.Multiple(() =>
        {
            Assert.That((outcome.Status, outcome.Attempts), Is.EqualTo((NotificationStatus.Undelivered, 3)));
            Assert.That(outcome.Error, Does.Contain("503"));
            Assert.That(quality.CustomStatus(instance), Is.EqualTo(NotificationStatus.Undelivered));
            Assert.That((record!.NotificationStatus, record.NotificationAttempts, record.NotificationError), Is.EqualTo((NotificationStatus.Undelivered, 3, outcome.Error)));
            Assert.That(run.App.Webhook.Received.Select(received => received.IdempotencyKey), Is.EqualTo(Enumerable.Repeat("qc-S-lost:notify", 3)));
            Assert.That(error.Values["SampleId"], Is.EqualTo("S-lost"), "an error names the sample");
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task An_undelivered_notification_is_sent_again_from_the_stored_record_after_the_samples_workflow_is_purged(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(QualityScenario.Settings);
        run.App.Webhook.Failing = true;
        var quality = new QualityScenario(run.Host);
        var check = await quality.SubmitAsync(QualityScenario.Saturated("S-retry"), cancellationToken);
        await quality.CompletionAsync(check, cancellationToken);
        await run.Host.Client.PurgeAsync(check, cancellationToken);

        run.App.Webhook.Failing = false;
        var accepted = await quality.RetryAsync("S-retry", cancellationToken);
        var retry = await quality.CompletionAsync(accepted.InstanceId, cancellationToken);

        var record = await quality.RecordAsync("S-retry", cancellationToken);
        var (key, notification) = run.App.Webhook.Received[^1];
        Assert.Multiple(() =>
        {
            Assert.That(accepted.InstanceId, Is.EqualTo("qc-S-retry-notify"));
            Assert.That(retry.Name, Is.EqualTo(QualityNotificationWorkflow.Name));
            Assert.That(quality.Outcome(retry), Is.EqualTo(new NotificationOutcome("S-retry", NotificationStatus.Delivered, 1, null)));
            Assert.That(quality.CustomStatus(retry), Is.EqualTo(NotificationStatus.Delivered));
            Assert.That(record!.NotificationStatus, Is.EqualTo(NotificationStatus.Delivered));
            Assert.That(run.App.Webhook.Received, Has.Count.EqualTo(4), "three refused, then the retry");
            Assert.That(key, Is.EqualTo("qc-S-retry:notify"), "the same key as the refused attempts");
            Assert.That(notification.AcquiredAt, Is.EqualTo(QualityScenario.AcquiredAt), "read from the stored record");
        });
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task A_retry_of_a_record_stored_without_its_acquisition_time_is_refused_saying_why(CancellationToken cancellationToken)
    {
        await using var run = await CoreRun.StartAsync(QualityScenario.Settings);
        var quality = new QualityScenario(run.Host);
        await quality.Store.SaveVerdictAsync(
            new QualityRecord("S-legacy", "UV-1", "qc-S-legacy", false, [], QualityScenario.AcquiredAt, AcquiredAt: null, NotificationStatus.Pending),
            cancellationToken);
        await quality.Store.SetNotificationAsync("S-legacy", NotificationStatus.Undelivered, 5, "HTTP 503", QualityScenario.AcquiredAt, cancellationToken);

        var refusal = Assert.ThrowsAsync<ConflictException>(() => quality.RetryAsync("S-legacy", cancellationToken));

        Assert.Multiple(async () =>
        {
            Assert.That(refusal!.Message, Does.Contain("S-legacy").And.Contain("before acquisition times were kept").And.Contain("submit the sample again"));
            Assert.That(await run.Host.Client.GetInstanceAsync(QualityNotificationWorkflow.InstanceIdFor("S-legacy"), cancellationToken: cancellationToken), Is.Null);
            Assert.That(run.App.Webhook.Received, Is.Empty);
        });
    }
}
