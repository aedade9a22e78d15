using System.Globalization;
using System.Text.Json;
using Portable.Operator.Api;

namespace Portable.Operator.Smoke;

/// <summary>Seed 001: a device logs errors with the write key, a reader reads them back, and the keys stay apart.</summary>
internal static class ErrorLogSmoke
{
    public static async Task RunAsync(SmokeSession session, SmokeSteps steps, CancellationToken cancellationToken)
    {
        var device = session.RunId;
        var stamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        int[] numbers = [(int)(stamp % 1000) + 1000, (int)(stamp % 1000) + 2000];
        var body = "[" + string.Join(',', numbers.Select(n => string.Create(CultureInfo.InvariantCulture, $"{{\"device_id\":\"{device}\",\"error_number\":{n},\"time_stamp\":{stamp}}}"))) + "]";

        var written = await steps.RunAsync($"error logs: write two logs for device {device}", async () =>
        {
            var created = await session.ExpectAsync(201, HttpMethod.Post, "api/logs", session.Credentials.Write, body, cancellationToken);
            var ids = created is { } answer ? JsonFields.Items(JsonFields.Get(answer, "error_log_ids")).Count() : 0;
            return ids == 2 ? "2 ids" : throw new SmokeFailure($"the answer holds {ids} ids, expected 2: {created?.GetRawText()}");
        }, cancellationToken);

        if (written)
        {
            await steps.RunAsync("error logs: read them back with the read key", async () =>
            {
                var logs = await session.UntilAsync(
                    $"api/logs?device_id={Uri.EscapeDataString(device)}&limit=10",
                    session.Credentials.Read,
                    answer => numbers.All(n => Numbers(answer).Contains(n)),
                    $"both logs of {device} to be readable",
                    cancellationToken);
                return $"{JsonFields.Items(logs).Count()} logs, error numbers {string.Join(", ", Numbers(logs).Order())}";
            }, cancellationToken);
        }
        else
        {
            steps.Skip("error logs: read them back with the read key", "nothing was written");
        }

        await steps.RunAsync("error logs: the read key cannot write", async () =>
        {
            await session.ExpectAsync(403, HttpMethod.Post, "api/logs", session.Credentials.Read, body, cancellationToken);
            return "403";
        }, cancellationToken);

        await steps.RunAsync("error logs: a malformed log is refused, naming the field", async () =>
        {
            var problem = await session.ExpectAsync(400, HttpMethod.Post, "api/logs", session.Credentials.Write, $"{{\"device_id\":\"{device}\",\"error_number\":\"x\",\"time_stamp\":1}}", cancellationToken);
            var fields = problem is { } answer && JsonFields.Get(answer, "errors") is { ValueKind: JsonValueKind.Object } errors
                ? errors.EnumerateObject().Select(e => e.Name).ToList()
                : [];
            return fields.Any(f => f.Contains("error_number", StringComparison.Ordinal))
                ? "400 naming error_number"
                : throw new SmokeFailure($"the 400 does not name error_number: {problem?.GetRawText()}");
        }, cancellationToken);
    }

    private static IEnumerable<long> Numbers(JsonElement logs) =>
        JsonFields.Items(logs).Select(log => JsonFields.Integer(log, "error_number") ?? -1);
}
