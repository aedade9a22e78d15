using System.Net;
using System.Text.Json;
using Portable.Core.Quality;

namespace Portable.Core.Tests.Quality;

public sealed class WebhookNotifierTests
{
    private static readonly FailureNotification Notification = new(
        "S-0042", "UV-1", new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero),
        [new Finding("saturation", Severity.Error, "Saturated from 300 nm", 300)], "qc-S-0042:notify");

    [Test]
    public async Task Posts_the_sample_id_findings_and_idempotency_key()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK);
        var notifier = new WebhookNotifier(new HttpClient(handler), new Uri("http://127.0.0.1:9/hook"));

        await notifier.NotifyAsync(Notification, CancellationToken.None);

        Assert.That(handler.Request!.Headers.GetValues("Idempotency-Key"), Is.EqualTo(new[] { "qc-S-0042:notify" }));
        using var body = JsonDocument.Parse(handler.Body!);
        Assert.That(body.RootElement.GetProperty("sampleId").GetString(), Is.EqualTo("S-0042"));
        Assert.That(body.RootElement.GetProperty("findings")[0].GetProperty("rule").GetString(), Is.EqualTo("saturation"));
    }

    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadRequest)]
    public void A_refusal_is_a_notification_failure_that_names_the_sample(HttpStatusCode status)
    {
        var notifier = new WebhookNotifier(new HttpClient(new RecordingHandler(status)), new Uri("http://127.0.0.1:9/hook"));

        Assert.That(() => notifier.NotifyAsync(Notification, CancellationToken.None),
            Throws.TypeOf<NotificationFailedException>().With.Message.Contains("S-0042").And.Message.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void An_unreachable_webhook_is_a_notification_failure()
    {
        var notifier = new WebhookNotifier(new HttpClient(new RecordingHandler(new HttpRequestException("connection refused"))), new Uri("http://127.0.0.1:9/hook"));

        Assert.That(() => notifier.NotifyAsync(Notification, CancellationToken.None), Throws.TypeOf<NotificationFailedException>().With.Message.Contains("could not be reached"));
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        private readonly HttpStatusCode _status;
        private readonly Exception? _failure;

        public RecordingHandler(HttpStatusCode status) => _status = status;

        public RecordingHandler(Exception failure) => _failure = failure;

        public HttpRequestMessage? Request { get; private set; }

        public string? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_failure is not null)
            {
                throw _failure;
            }

            Request = request;
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(_status);
        }
    }
}
