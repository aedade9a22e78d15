using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portable.Adapters.Sqs;

namespace Portable.Adapters.Tests.Messaging;

/// <summary>The <c>Sqs</c> section as <c>AddSqsQueues</c> binds and checks it.</summary>
public sealed class SqsQueueOptionsTests
{
    [Test]
    public void Without_a_service_url_the_queues_are_aws_ones_made_by_the_template()
    {
        var options = Bind(new() { ["AWS_REGION"] = "eu-central-1" });

        Assert.That(options.ServiceUrl, Is.Null);
        Assert.That(options.RegionOrDefault, Is.EqualTo("eu-central-1"));
        Assert.That(options.QueuePrefix, Is.Empty);
        Assert.That(options.MaxReceiveCount, Is.EqualTo(5));
        Assert.That(options.CreatesQueues, Is.False);
        Assert.That(options.Queues, Is.Empty);
    }

    [Test]
    public void A_service_url_turns_queue_creation_on_and_without_any_region_us_east_1_signs()
    {
        var options = Bind(new() { ["Sqs:ServiceUrl"] = "http://127.0.0.1:5000" });

        Assert.That(options.ServiceUrl, Is.EqualTo("http://127.0.0.1:5000"));
        Assert.That(options.CreatesQueues, Is.True);
        Assert.That(options.RegionOrDefault, Is.EqualTo("us-east-1"));
    }

    [Test]
    public void Every_key_of_the_section_is_read()
    {
        var options = Bind(new()
        {
            ["AWS_REGION"] = "us-east-2",
            ["Sqs:ServiceUrl"] = "http://127.0.0.1:5000",
            ["Sqs:Region"] = "eu-west-1",
            ["Sqs:QueuePrefix"] = "staging-",
            ["Sqs:MaxReceiveCount"] = "7",
            ["Sqs:CreateQueues"] = "false",
            ["Sqs:Queues:order-dispatch:Url"] = "https://sqs.eu-west-1.amazonaws.com/1/order-dispatch.fifo",
            ["Sqs:Queues:order-dispatch-dlq:Url"] = "https://sqs.eu-west-1.amazonaws.com/1/order-dispatch-dlq.fifo",
        });

        Assert.That(options.RegionOrDefault, Is.EqualTo("eu-west-1"));
        Assert.That(options.QueuePrefix, Is.EqualTo("staging-"));
        Assert.That(options.MaxReceiveCount, Is.EqualTo(7));
        Assert.That(options.CreatesQueues, Is.False);
        Assert.That(options.Queues["order-dispatch"].Url, Is.EqualTo("https://sqs.eu-west-1.amazonaws.com/1/order-dispatch.fifo"));
        Assert.That(options.Queues["order-dispatch-dlq"].Url, Is.EqualTo("https://sqs.eu-west-1.amazonaws.com/1/order-dispatch-dlq.fifo"));
    }

    [Test]
    public void A_queue_address_may_be_named_with_underscores_for_hyphens_as_lambda_environment_variables_must()
    {
        var options = Bind(new()
        {
            ["Sqs:Queues:order_dispatch:Url"] = "https://sqs.us-east-2.amazonaws.com/1/stack-order-dispatch.fifo",
            ["Sqs:Queues:error-logs:Url"] = "https://sqs.us-east-2.amazonaws.com/1/stack-error-logs",
            ["Sqs:Queues:error_logs:Url"] = "https://sqs.us-east-2.amazonaws.com/1/not-this-one",
        });

        Assert.Multiple(() =>
        {
            Assert.That(options.ConfiguredUrl("order-dispatch"), Is.EqualTo("https://sqs.us-east-2.amazonaws.com/1/stack-order-dispatch.fifo"));
            Assert.That(options.ConfiguredUrl("error-logs"), Is.EqualTo("https://sqs.us-east-2.amazonaws.com/1/stack-error-logs"), "the name as written wins");
            Assert.That(options.ConfiguredUrl("qc-samples"), Is.Null);
        });
    }

    [TestCase("Sqs:MaxReceiveCount", "0", "Sqs:MaxReceiveCount must be from 1 to 1000")]
    [TestCase("Sqs:MaxReceiveCount", "1001", "Sqs:MaxReceiveCount must be from 1 to 1000")]
    [TestCase("Sqs:MaxReceiveCount", "many", "Sqs:MaxReceiveCount")]
    [TestCase("Sqs:ServiceUrl", "not a url", "Sqs:ServiceUrl must be an absolute URL")]
    [TestCase("Sqs:Queues:error-logs:Url", "error-logs", "Sqs:Queues:error-logs:Url must be an absolute URL")]
    public void A_bad_value_stops_the_host_at_start_naming_its_key(string key, string value, string message)
    {
        using var services = Services(new() { [key] = value });

        var failure = Assert.Catch(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(failure!.Message, Does.Contain(message));
    }

    private static ServiceProvider Services(Dictionary<string, string?> values) =>
        new ServiceCollection().AddSqsQueues(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).BuildServiceProvider();

    private static SqsQueueOptions Bind(Dictionary<string, string?> values)
    {
        using var services = Services(values);
        services.GetRequiredService<IStartupValidator>().Validate();
        return services.GetRequiredService<SqsQueueOptions>();
    }
}
