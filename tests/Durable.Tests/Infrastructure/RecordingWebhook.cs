using System.Net;
using System.Text.Json;
using Portable.Core.Quality;

namespace Portable.Durable.Tests.Infrastructure;

/// <summary>
/// The lab-staff webhook as a message handler: it records every notification with its idempotency key and answers
/// 200, or 503 while <see cref="Failing"/> is set.
/// </summary>
internal sealed class RecordingWebhook : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<(string IdempotencyKey, FailureNotification Notification)> _received = [];

    public Uri Url { get; } = new("http://webhook.test/notify");

    public bool Failing { get; set; }

    public IReadOnlyList<(string IdempotencyKey, FailureNotification Notification)> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var notification = JsonSerializer.Deserialize(body, QualityJsonContext.Default.FailureNotification)!;
        lock (_lock)
        {
            _received.Add((request.Headers.GetValues(WebhookNotifier.IdempotencyKeyHeader).Single(), notification));
        }

        return new HttpResponseMessage(Failing ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK);
    }
}
