using System.Text.Json;
using Portable.Adapters.Aws.Json;

namespace Portable.Adapters.Aws.Queues;

/// <summary>Reads the batch an SQS event source mapping hands the queue function, without the serializer (<see cref="EventJson"/>).</summary>
public static class SqsEventReader
{
    public static SqsEvent Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        EventJson.Begin(ref reader);
        List<SqsRecord>? records = null;
        while (EventJson.NextProperty(ref reader))
        {
            if (EventJson.Is(ref reader, "Records"u8)) { records = Records(ref reader); }
            else { EventJson.Skip(ref reader); }
        }

        EventJson.End(ref reader);
        return new SqsEvent(records);
    }

    private static List<SqsRecord>? Records(ref Utf8JsonReader reader)
    {
        if (!EventJson.StartArray(ref reader, "Records"))
        {
            return null;
        }

        var records = new List<SqsRecord>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            records.Add(reader.TokenType == JsonTokenType.StartObject ? Record(ref reader) : throw EventJson.WrongKind("Records", "an array of objects"));
        }

        return records;
    }

    /// <summary>One record; the reader is on its start.</summary>
    private static SqsRecord Record(ref Utf8JsonReader reader)
    {
        string? messageId = null, receiptHandle = null, body = null, source = null;
        SqsRecordAttributes? attributes = null;
        Dictionary<string, SqsMessageAttribute>? messageAttributes = null;
        while (EventJson.NextProperty(ref reader))
        {
            if (EventJson.Is(ref reader, "messageId"u8)) { messageId = EventJson.String(ref reader, "Records.messageId"); }
            else if (EventJson.Is(ref reader, "receiptHandle"u8)) { receiptHandle = EventJson.String(ref reader, "Records.receiptHandle"); }
            else if (EventJson.Is(ref reader, "body"u8)) { body = EventJson.String(ref reader, "Records.body"); }
            else if (EventJson.Is(ref reader, "attributes"u8)) { attributes = Attributes(ref reader); }
            else if (EventJson.Is(ref reader, "eventSourceARN"u8)) { source = EventJson.String(ref reader, "Records.eventSourceARN"); }
            else if (EventJson.Is(ref reader, "messageAttributes"u8)) { messageAttributes = MessageAttributes(ref reader); }
            else { EventJson.Skip(ref reader); }
        }

        return new SqsRecord(messageId ?? throw new JsonException("A record of the event has no 'messageId'."), receiptHandle, body, attributes, source, messageAttributes);
    }

    private static SqsRecordAttributes? Attributes(ref Utf8JsonReader reader)
    {
        if (!EventJson.StartObject(ref reader, "Records.attributes"))
        {
            return null;
        }

        string? receiveCount = null, groupId = null, deduplicationId = null, traceHeader = null;
        while (EventJson.NextProperty(ref reader))
        {
            if (EventJson.Is(ref reader, "ApproximateReceiveCount"u8)) { receiveCount = EventJson.String(ref reader, "Records.attributes.ApproximateReceiveCount"); }
            else if (EventJson.Is(ref reader, "MessageGroupId"u8)) { groupId = EventJson.String(ref reader, "Records.attributes.MessageGroupId"); }
            else if (EventJson.Is(ref reader, "MessageDeduplicationId"u8)) { deduplicationId = EventJson.String(ref reader, "Records.attributes.MessageDeduplicationId"); }
            else if (EventJson.Is(ref reader, "AWSTraceHeader"u8)) { traceHeader = EventJson.String(ref reader, "Records.attributes.AWSTraceHeader"); }
            else { EventJson.Skip(ref reader); }
        }

        return new SqsRecordAttributes(receiveCount, groupId, deduplicationId, traceHeader);
    }

    private static Dictionary<string, SqsMessageAttribute>? MessageAttributes(ref Utf8JsonReader reader)
    {
        if (!EventJson.StartObject(ref reader, "Records.messageAttributes"))
        {
            return null;
        }

        var attributes = new Dictionary<string, SqsMessageAttribute>(StringComparer.Ordinal);
        while (EventJson.NextProperty(ref reader))
        {
            var name = reader.GetString()!;
            var property = "Records.messageAttributes." + name;
            if (!EventJson.StartObject(ref reader, property))
            {
                continue;
            }

            string? stringValue = null, dataType = null;
            while (EventJson.NextProperty(ref reader))
            {
                if (EventJson.Is(ref reader, "stringValue"u8)) { stringValue = EventJson.String(ref reader, property + ".stringValue"); }
                else if (EventJson.Is(ref reader, "dataType"u8)) { dataType = EventJson.String(ref reader, property + ".dataType"); }
                else { EventJson.Skip(ref reader); }
            }

            attributes[name] = new SqsMessageAttribute(stringValue, dataType);
        }

        return attributes;
    }
}
