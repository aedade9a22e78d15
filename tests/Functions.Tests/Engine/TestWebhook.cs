using System.Net;
using System.Text.Json;
using Portable.Core.Quality;

namespace Portable.Functions.Tests.Engine;

/// <summary>
/// The lab-staff webhook as a message handler: it records every call with its idempotency key and whether it was
/// answered 200 or 503. It refuses every call while <see cref="Failing"/> is set, or, made by <see cref="FailingAtRandom"/>,
/// each call by the throw of a seeded die (the same sequence on every run).
/// </summary>
internal sealed class TestWebhook : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly List<WebhookCall> _calls = [];
    private readonly Random? _die;
    private readonly double _failureRate;

    public TestWebhook()
    {
    }

    private TestWebhook(int seed, double failureRate)
    {
        _die = new Random(seed);
        _failureRate = failureRate;
    }

    public Uri Url { get; } = new("http://webhook.test/notify");

    public bool Failing { get; set; }

    public IReadOnlyList<WebhookCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    public static TestWebhook FailingAtRandom(int seed, double failureRate) => new(seed, failureRate);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var notification = JsonSerializer.Deserialize(body, QualityJsonContext.Default.FailureNotification)!;
        bool accepted;
        lock (_lock)
        {
            accepted = !Failing && (_die is null || _die.NextDouble() >= _failureRate);
            _calls.Add(new WebhookCall(request.Headers.GetValues(WebhookNotifier.IdempotencyKeyHeader).Single(), notification, accepted));
        }

        return new HttpResponseMessage(accepted ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
    }
}
