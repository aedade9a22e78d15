using System.Text.Json.Nodes;

namespace Portable.Aws.Tests.Events;

/// <summary>Builds SQS and EventBridge events in the documented formats.</summary>
public static class QueueEvents
{
    /// <summary>An SQS batch from one queue; each body gets a fresh message id, returned in order.</summary>
    public static (string Json, IReadOnlyList<string> MessageIds) Sqs(string queueName, params string[] bodies) =>
        SqsGrouped(queueName, bodies.Select(body => (body, (string?)null)).ToArray());

    /// <summary>An SQS batch whose records carry FIFO group ids.</summary>
    public static (string Json, IReadOnlyList<string> MessageIds) SqsGrouped(string queueName, params (string Body, string? GroupId)[] messages)
    {
        var ids = new List<string>();
        var records = new JsonArray();
        foreach (var (body, group) in messages)
        {
            var id = Guid.NewGuid().ToString();
            ids.Add(id);
            var attributes = new JsonObject
            {
                ["ApproximateReceiveCount"] = "1",
                ["SentTimestamp"] = "1795615512000",
                ["SenderId"] = "AIDAIENQZJOLO23YVJ4VO",
                ["ApproximateFirstReceiveTimestamp"] = "1795615512010",
            };
            if (group is not null)
            {
                attributes["MessageGroupId"] = group;
                attributes["MessageDeduplicationId"] = id;
            }

            records.Add(new JsonObject
            {
                ["messageId"] = id,
                ["receiptHandle"] = "AQEB" + Guid.NewGuid().ToString("N"),
                ["body"] = body,
                ["attributes"] = attributes,
                ["messageAttributes"] = new JsonObject(),
                ["md5OfBody"] = "0123456789abcdef0123456789abcdef",
                ["eventSource"] = "aws:sqs",
                ["eventSourceARN"] = "arn:aws:sqs:us-east-2:123456789012:" + queueName,
                ["awsRegion"] = "us-east-2",
            });
        }

        return (new JsonObject { ["Records"] = records }.ToJsonString(), ids);
    }

    /// <summary>An SQS batch of one record that carries <paramref name="traceParent"/> as a message attribute and X-Ray's header as a system attribute, as the event source mapping passes them.</summary>
    public static string SqsTraced(string queueName, string body, string? traceParent, string? awsTraceHeader)
    {
        var record = JsonNode.Parse(Sqs(queueName, body).Json)!["Records"]![0]!;
        if (traceParent is not null)
        {
            record["messageAttributes"] = new JsonObject
            {
                ["traceparent"] = new JsonObject { ["stringValue"] = traceParent, ["stringListValues"] = new JsonArray(), ["binaryListValues"] = new JsonArray(), ["dataType"] = "String" },
            };
        }

        if (awsTraceHeader is not null)
        {
            record["attributes"]!["AWSTraceHeader"] = awsTraceHeader;
        }

        return new JsonObject { ["Records"] = new JsonArray(record.DeepClone()) }.ToJsonString();
    }

    /// <summary>The one-minute rule's scheduled event, fired at <paramref name="time"/>.</summary>
    public static string Scheduled(string time = "2026-11-24T14:06:00Z") => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = "Scheduled Event",
        ["source"] = "aws.events",
        ["account"] = "123456789012",
        ["time"] = time,
        ["region"] = "us-east-2",
        ["resources"] = new JsonArray("arn:aws:events:us-east-2:123456789012:rule/portable-DispatchSchedule"),
        ["detail"] = new JsonObject(),
    }.ToJsonString();

    /// <summary>A valid spectrum sample in the contract of POST /api/samples.</summary>
    public static string Sample(string sampleId) => new JsonObject
    {
        ["sampleId"] = sampleId,
        ["instrumentId"] = "UV-1",
        ["acquiredAt"] = "2026-11-23T08:00:00Z",
        ["wavelengthsNm"] = new JsonArray(Enumerable.Range(200, 40).Select(value => (JsonNode?)value).ToArray()),
        ["absorbance"] = new JsonArray(Enumerable.Range(0, 40).Select(index => (JsonNode?)(0.2 + (index * 0.001))).ToArray()),
    }.ToJsonString();
}
