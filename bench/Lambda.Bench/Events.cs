using System.Text.Json.Nodes;

namespace Portable.Lambda.Bench;

/// <summary>The HTTP API 2.0 events the benchmark sends.</summary>
public static class Events
{
    public const string WriteKey = "bench-write-key";
    public const string ReadKey = "bench-read-key";

    /// <summary>The cheap request whose latency is measured: one metadata value, no store.</summary>
    public static readonly string Metadata = Api("GET", "/api/metadata/cloud", null, null);

    /// <summary>A store workload for the memory figure: a batch of 100 error logs, then a read.</summary>
    public static string PostLogs(int batch) => Api(
        "POST", "/api/logs", WriteKey,
        "[" + string.Join(",", Enumerable.Range(0, 100).Select(i => $$"""{"device_id":"bench-{{batch % 10}}","error_number":{{i}},"time_stamp":{{1_700_000_000 + (batch * 100) + i}}}""")) + "]");

    public static readonly string ReadLogs = Api("GET", "/api/logs", ReadKey, null);

    /// <summary>EventBridge's scheduled event, as the one-minute rule sends it.</summary>
    public static readonly string Scheduled = new JsonObject
    {
        ["version"] = "0",
        ["id"] = "89d1a02d-5ec7-412e-82f5-13505f849b41",
        ["detail-type"] = "Scheduled Event",
        ["source"] = "aws.events",
        ["account"] = "123456789012",
        ["time"] = "2026-11-24T14:06:00Z",
        ["region"] = "us-east-2",
        ["resources"] = new JsonArray("arn:aws:events:us-east-2:123456789012:rule/portable-bench-schedule"),
        ["detail"] = new JsonObject(),
    }.ToJsonString();

    /// <summary>An SQS batch of one error log from the error-log queue, named with the deployment's prefix.</summary>
    public static string ErrorLogBatch(string queuePrefix) => new JsonObject
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["messageId"] = Guid.NewGuid().ToString(),
            ["receiptHandle"] = "AQEB" + Guid.NewGuid().ToString("N"),
            ["body"] = $$"""{"device_id":"bench-queue","error_number":7,"time_stamp":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}""",
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1", ["SentTimestamp"] = "1795615512000" },
            ["messageAttributes"] = new JsonObject(),
            ["md5OfBody"] = "0123456789abcdef0123456789abcdef",
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-2:123456789012:" + queuePrefix + "error-logs",
            ["awsRegion"] = "us-east-2",
        }),
    }.ToJsonString();

    private static string Api(string method, string path, string? key, string? body)
    {
        var headers = new JsonObject { ["host"] = "bench.execute-api.us-east-2.amazonaws.com", ["content-type"] = "application/json" };
        if (key is not null)
        {
            headers["x-api-key"] = key;
        }

        return new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = path,
            ["rawQueryString"] = "",
            ["headers"] = headers,
            ["requestContext"] = new JsonObject
            {
                ["domainName"] = "bench.execute-api.us-east-2.amazonaws.com",
                ["http"] = new JsonObject { ["method"] = method, ["path"] = path, ["protocol"] = "HTTP/1.1", ["sourceIp"] = "127.0.0.1" },
                ["requestId"] = "bench",
                ["stage"] = "$default",
            },
            ["body"] = body,
            ["isBase64Encoded"] = false,
        }.ToJsonString();
    }
}
