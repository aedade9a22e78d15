using System.Text;
using System.Text.Json;
using Portable.Adapters.Aws.Queues;
using Portable.Adapters.Aws.Schedule;

namespace Portable.Aws.Tests.Events;

/// <summary>The hand-written readers of SQS batches and scheduled events, and the answers to them.</summary>
public sealed class QueueAndScheduleEventReaderTests
{
    [Test]
    public void An_sqs_record_reads_its_message_attributes_and_trace_header_and_skips_what_it_does_not_use()
    {
        var batch = SqsEventReader.Read(Encoding.UTF8.GetBytes("""
            {"Records":[{"messageId":"m1","receiptHandle":"r","body":"{\"a\":1}","md5OfBody":"x","eventSource":"aws:sqs",
              "attributes":{"ApproximateReceiveCount":"2","SentTimestamp":"1","AWSTraceHeader":"Root=1-a-b"},
              "messageAttributes":{"traceparent":{"stringValue":"00-abc-def-01","stringListValues":[],"dataType":"String"},"gone":null},
              "eventSourceARN":"arn:aws:sqs:us-east-2:1:q","awsRegion":"us-east-2"}]}
            """));

        var record = batch.Records!.Single();
        Assert.Multiple(() =>
        {
            Assert.That(record.MessageId, Is.EqualTo("m1"));
            Assert.That(record.Body, Is.EqualTo("{\"a\":1}"));
            Assert.That(record.Attributes!.ApproximateReceiveCount, Is.EqualTo("2"));
            Assert.That(record.Attributes.AwsTraceHeader, Is.EqualTo("Root=1-a-b"));
            Assert.That(record.MessageAttributes!["traceparent"], Is.EqualTo(new SqsMessageAttribute("00-abc-def-01", "String")));
            Assert.That(record.MessageAttributes.ContainsKey("gone"), Is.False);
            Assert.That(record.EventSourceArn, Is.EqualTo("arn:aws:sqs:us-east-2:1:q"));
        });
    }

    [Test]
    public void An_event_without_records_is_an_empty_batch()
    {
        Assert.That(SqsEventReader.Read("""{"Records":null}"""u8).Records, Is.Null);
        Assert.That(SqsEventReader.Read("{}"u8).Records, Is.Null);
    }

    [TestCase("""{"Records":{}}""", "'Records'")]
    [TestCase("""{"Records":[1]}""", "'Records'")]
    [TestCase("""{"Records":[{"body":"x"}]}""", "'messageId'")]
    [TestCase("""{"Records":[{"messageId":"m","attributes":{"ApproximateReceiveCount":2}}]}""", "'Records.attributes.ApproximateReceiveCount'")]
    [TestCase("""{"Records":[{"messageId":"m","messageAttributes":{"k":"v"}}]}""", "'Records.messageAttributes.k'")]
    public void A_malformed_sqs_event_is_refused_naming_what_is_wrong(string json, string named)
    {
        var refusal = Assert.Throws<JsonException>(() => SqsEventReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.That(refusal!.Message, Does.Contain(named));
    }

    [Test]
    public void A_scheduled_event_reads_its_time_with_an_offset_and_skips_its_detail()
    {
        var scheduled = ScheduledEventReader.Read("""{"id":"e","detail":{"a":[1,{"b":2}]},"time":"2026-11-24T15:06:00+01:00","resources":[]}"""u8);

        Assert.Multiple(() =>
        {
            Assert.That(scheduled.Id, Is.EqualTo("e"));
            Assert.That(scheduled.Time, Is.EqualTo(new DateTimeOffset(2026, 11, 24, 14, 6, 0, TimeSpan.Zero)));
            Assert.That(scheduled.Resources, Is.Empty);
        });
    }

    [TestCase("""{"time":"yesterday"}""", "'time'")]
    [TestCase("""{"time":5}""", "'time'")]
    [TestCase("""{"resources":"arn"}""", "'resources'")]
    public void A_malformed_scheduled_event_is_refused_naming_the_field(string json, string named)
    {
        var refusal = Assert.Throws<JsonException>(() => ScheduledEventReader.Read(Encoding.UTF8.GetBytes(json)));

        Assert.That(refusal!.Message, Does.Contain(named));
    }

    [Test]
    public void A_schedule_result_leaves_out_a_sweep_that_did_not_run()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(new ScheduleResult(1, 2, 3, 4).ToUtf8Json()), Is.EqualTo("""{"dispatched":1,"failed":2,"released":3,"swept":4}"""));
            Assert.That(
                Encoding.UTF8.GetString(new ScheduleResult(1, 2, 3, 4, 100_000).ToUtf8Json()),
                Is.EqualTo("""{"dispatched":1,"failed":2,"released":3,"swept":4,"keysSwept":100000}"""));
            Assert.That(Encoding.UTF8.GetString(new ScheduleResult(0, 0, 0, null).ToUtf8Json()), Is.EqualTo("""{"dispatched":0,"failed":0,"released":0}"""));
        });
    }
}
