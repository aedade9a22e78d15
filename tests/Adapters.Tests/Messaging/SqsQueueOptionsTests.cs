using Microsoft.Extensions.Configuration;
using Portable.Adapters.Sqs;

namespace Portable.Adapters.Tests.Messaging;

public sealed class SqsQueueOptionsTests
{
    [Test]
    public void Without_a_service_url_the_queues_are_aws_ones_made_by_the_template()
    {
        var options = SqsQueueOptions.FromConfiguration(Configuration([]));

        Assert.That(options.ServiceUrl, Is.Null);
        Assert.That(options.Region, Is.EqualTo(Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } region ? region : "us-east-1"));
        Assert.That(options.QueuePrefix, Is.Empty);
        Assert.That(options.MaxReceiveCount, Is.EqualTo(5));
        Assert.That(options.CreateQueues, Is.False);
        Assert.That(options.QueueUrls, Is.Empty);
    }

    [Test]
    public void A_service_url_turns_queue_creation_on()
    {
        var options = SqsQueueOptions.FromConfiguration(Configuration(new() { ["Sqs:ServiceUrl"] = "http://127.0.0.1:5000" }));

        Assert.That(options.ServiceUrl, Is.EqualTo("http://127.0.0.1:5000"));
        Assert.That(options.CreateQueues, Is.True);
    }

    [Test]
    public void Every_key_of_the_section_is_read()
    {
        var options = SqsQueueOptions.FromConfiguration(Configuration(new()
        {
            ["Sqs:ServiceUrl"] = "http://127.0.0.1:5000",
            ["Sqs:Region"] = "eu-west-1",
            ["Sqs:QueuePrefix"] = "staging-",
            ["Sqs:MaxReceiveCount"] = "7",
            ["Sqs:CreateQueues"] = "false",
            ["Sqs:Queues:order-dispatch:Url"] = "https://sqs.eu-west-1.amazonaws.com/1/order-dispatch.fifo",
            ["Sqs:Queues:order-dispatch-dlq:Url"] = "https://sqs.eu-west-1.amazonaws.com/1/order-dispatch-dlq.fifo",
        }));

        Assert.That(options.Region, Is.EqualTo("eu-west-1"));
        Assert.That(options.QueuePrefix, Is.EqualTo("staging-"));
        Assert.That(options.MaxReceiveCount, Is.EqualTo(7));
        Assert.That(options.CreateQueues, Is.False);
        Assert.That(options.QueueUrls["order-dispatch"], Is.EqualTo("https://sqs.eu-west-1.amazonaws.com/1/order-dispatch.fifo"));
        Assert.That(options.QueueUrls["order-dispatch-dlq"], Is.EqualTo("https://sqs.eu-west-1.amazonaws.com/1/order-dispatch-dlq.fifo"));
    }

    [TestCase("0")]
    [TestCase("1001")]
    public void Max_receive_count_outside_what_sqs_allows_is_refused(string value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SqsQueueOptions.FromConfiguration(Configuration(new() { ["Sqs:MaxReceiveCount"] = value })));

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
