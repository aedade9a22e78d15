using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Portable.Adapters.Local;

/// <summary>
/// Stand-ins for the outside services that the embedded defaults point at, so that a clean clone works
/// offline: an OAuth token endpoint, an SDMX-JSON data endpoint and a webhook that records notifications.
/// Served under <c>/dev</c> only while <c>Development:Upstreams</c> is true (the embedded default);
/// real deployments point <c>Observations:*</c> and <c>Quality:Notifier:WebhookUrl</c> elsewhere.
/// </summary>
internal static partial class DevelopmentUpstream
{
    private const string ClientId = "dev-client";
    private const string ClientSecret = "dev-secret";
    private static readonly ConcurrentDictionary<string, DateTimeOffset> Tokens = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> Notifications = new(StringComparer.Ordinal);

    public static void MapDevelopmentUpstream(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/dev/oauth/token", IssueToken);
        endpoints.MapGet("/dev/sdmx/data", Data);
        endpoints.MapPost("/dev/webhook", Webhook);
        endpoints.MapGet("/dev/webhook", () => Results.Json(Notifications.ToDictionary(pair => pair.Key, pair => pair.Value), DevelopmentJsonContext.Default.DictionaryStringString));
    }

    private static IResult IssueToken(HttpContext context, TimeProvider time)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            return Results.Json(new Dictionary<string, string> { ["error"] = "invalid_client" }, DevelopmentJsonContext.Default.DictionaryStringString, statusCode: 401);
        }

        var token = Guid.NewGuid().ToString("N");
        Tokens[token] = time.GetUtcNow().AddHours(1);
        return Results.Text($$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":3600}""", "application/json");
    }

    private static IResult Data(HttpContext context, TimeProvider time)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !Tokens.TryGetValue(authorization[7..], out var expiry) || expiry < time.GetUtcNow())
        {
            return Results.StatusCode(401);
        }

        var start = context.Request.Query["startPeriod"].ToString();
        var periods = Enumerable.Range(2015, 10)
            .SelectMany(year => Enumerable.Range(1, 4).Select(quarter => $"{year}-Q{quarter}"))
            .Where(period => start.Length == 0 || string.CompareOrdinal(period, start) >= 0)
            .ToList();
        return Results.Bytes(Document(periods), "application/vnd.sdmx.data+json; charset=utf-8");
    }

    private static IResult Webhook(HttpContext context, TimeProvider time, ILoggerFactory loggers)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            return Results.BadRequest();
        }

        var first = Notifications.TryAdd(key, time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        LogNotification(loggers.CreateLogger("Portable.DevelopmentWebhook"), key, first);
        return Results.Ok();
    }

    /// <summary>An SDMX-JSON data message with one series of a seasonally rising index.</summary>
    private static byte[] Document(IReadOnlyList<string> periods)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("data");
            json.WriteStartObject("structure");
            json.WriteStartObject("dimensions");
            json.WriteStartArray("series");
            json.WriteEndArray();
            json.WriteStartArray("observation");
            json.WriteStartObject();
            json.WriteString("id", "TIME_PERIOD");
            json.WriteStartArray("values");
            foreach (var period in periods)
            {
                json.WriteStartObject();
                json.WriteString("id", period);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartArray("dataSets");
            json.WriteStartObject();
            json.WriteStartObject("series");
            json.WriteStartObject("0");
            json.WriteStartObject("observations");
            for (var i = 0; i < periods.Count; i++)
            {
                json.WriteStartArray(i.ToString(CultureInfo.InvariantCulture));
                json.WriteNumberValue(Math.Round(99.9 + (0.85 * i) + (0.3 * Math.Sin(i)), 1));
                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Development webhook received notification {IdempotencyKey} (first delivery: {First})")]
    private static partial void LogNotification(ILogger logger, string idempotencyKey, bool first);
}
