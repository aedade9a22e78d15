using System.Text;
using System.Text.Json;
using Portable.Adapters.Aws.Api;
using Portable.Adapters.Aws.Authorizer;
using Portable.Adapters.Aws.Json;
using Portable.Adapters.Aws.Queues;
using Portable.Adapters.Aws.Runtime;
using Portable.Adapters.Aws.Schedule;

namespace Portable.Aws.Tests.Events;

/// <summary>The event models, read by hand or by the source-generated context, against sample events in the formats AWS documents.</summary>
public sealed class EventModelTests
{
    [Test]
    public void An_http_api_2_0_event_reads_method_path_stage_headers_query_cookies_and_body()
    {
        var request = HttpApiEventReader.Read(Fixture.Bytes("http-api-v2.json"));

        Assert.Multiple(() =>
        {
            Assert.That(request.Version, Is.EqualTo("2.0"));
            Assert.That(request.RawPath, Is.EqualTo("/prod/api/logs"));
            Assert.That(request.RequestContext!.Http!.Method, Is.EqualTo("POST"));
            Assert.That(request.RequestContext.Stage, Is.EqualTo("prod"));
            Assert.That(request.RequestContext.DomainName, Is.EqualTo("r3pmxmplak.execute-api.us-east-2.amazonaws.com"));
            Assert.That(request.Headers!["x-api-key"], Is.EqualTo("test-write-key"));
            Assert.That(request.QueryStringParameters!["tag"], Is.EqualTo("a,b"));
            Assert.That(request.Cookies, Is.EqualTo(new[] { "session=abc", "theme=dark" }));
            Assert.That(request.IsBase64Encoded, Is.True);
            Assert.That(Encoding.UTF8.GetString(Convert.FromBase64String(request.Body!)), Does.Contain("\"error_number\":42"));
        });
    }

    [Test]
    public void A_rest_api_1_0_event_reads_method_path_and_every_value_of_headers_and_query()
    {
        var request = JsonSerializer.Deserialize(Fixture.Bytes("rest-api-v1.json"), AwsJsonContext.Default.RestApiRequest)!;

        Assert.Multiple(() =>
        {
            Assert.That(request.HttpMethod, Is.EqualTo("GET"));
            Assert.That(request.Path, Is.EqualTo("/api/logs"));
            Assert.That(request.RequestContext!.DomainName, Is.EqualTo("b8xmplnyq3.execute-api.us-east-2.amazonaws.com"));
            Assert.That(request.MultiValueHeaders!["x-api-key"], Is.EqualTo(new[] { "test-read-key" }));
            Assert.That(request.MultiValueQueryStringParameters!["tag"], Is.EqualTo(new[] { "a", "b" }));
            Assert.That(request.QueryStringParameters!["tag"], Is.EqualTo("b"));
            Assert.That(request.Body, Is.Null);
        });
    }

    [TestCase("http-api-v2.json", PayloadFormat.V2)]
    [TestCase("rest-api-v1.json", PayloadFormat.V1)]
    public void The_payload_format_is_told_by_the_version_field(string fixture, PayloadFormat expected) =>
        Assert.That(PayloadFormats.Detect(Fixture.Bytes(fixture)), Is.EqualTo(expected));

    [Test]
    public void An_http_api_event_with_payload_1_0_is_read_as_1_0() =>
        Assert.That(PayloadFormats.Detect("""{"version":"1.0","httpMethod":"GET","path":"/api/logs"}"""u8), Is.EqualTo(PayloadFormat.V1));

    [Test]
    public void An_sqs_event_reads_records_their_attributes_and_queue_arns()
    {
        var batch = SqsEventReader.Read(Fixture.Bytes("sqs-event.json"));

        Assert.That(batch.Records, Has.Count.EqualTo(2));
        var (standard, fifo) = (batch.Records![0], batch.Records[1]);
        Assert.Multiple(() =>
        {
            Assert.That(standard.MessageId, Is.EqualTo("059f36b4-87a3-44ab-83d2-661975830a7d"));
            Assert.That(standard.EventSourceArn, Is.EqualTo("arn:aws:sqs:us-east-2:123456789012:portable-error-logs"));
            Assert.That(standard.Body, Does.StartWith("{\"device_id\""));
            Assert.That(standard.Attributes!.ApproximateReceiveCount, Is.EqualTo("1"));
            Assert.That(fifo.Attributes!.MessageGroupId, Is.EqualTo("ORD0000007"));
            Assert.That(fifo.Attributes.MessageDeduplicationId, Is.EqualTo("ORD0000007:dispatch"));
            Assert.That(fifo.Attributes.ApproximateReceiveCount, Is.EqualTo("3"));
        });
    }

    [Test]
    public void A_scheduled_event_reads_its_id_time_and_rule()
    {
        var scheduled = ScheduledEventReader.Read(Fixture.Bytes("scheduled-event.json"));

        Assert.Multiple(() =>
        {
            Assert.That(scheduled.Id, Is.EqualTo("89d1a02d-5ec7-412e-82f5-13505f849b41"));
            Assert.That(scheduled.Time, Is.EqualTo(new DateTimeOffset(2026, 11, 24, 14, 6, 0, TimeSpan.Zero)));
            Assert.That(scheduled.Resources![0], Does.Contain(":rule/"));
        });
    }

    [TestCase("authorizer-v2.json", "2.0", null, "Bearer alice-token")]
    [TestCase("authorizer-token.json", null, "Bearer alice-token", null)]
    [TestCase("authorizer-request-v1.json", null, null, "Bearer bob-token")]
    public void Authorizer_events_read_their_token_source(string fixture, string? version, string? token, string? header)
    {
        var request = JsonSerializer.Deserialize(Fixture.Bytes(fixture), AwsJsonContext.Default.AuthorizerRequest)!;

        Assert.Multiple(() =>
        {
            Assert.That(request.Version, Is.EqualTo(version));
            Assert.That(request.AuthorizationToken, Is.EqualTo(token));
            Assert.That(request.Headers?.FirstOrDefault(pair => pair.Key.Equals("authorization", StringComparison.OrdinalIgnoreCase)).Value, Is.EqualTo(header));
            Assert.That(request.RouteArn ?? request.MethodArn, Does.StartWith("arn:aws:execute-api:us-east-2:123456789012:"));
        });
    }

    [Test]
    public void The_partial_batch_response_is_written_as_documented()
    {
        var json = Encoding.UTF8.GetString(new SqsBatchResponse([new BatchItemFailure("id2"), new BatchItemFailure("id4")]).ToUtf8Json());

        Assert.That(json, Is.EqualTo("""{"batchItemFailures":[{"itemIdentifier":"id2"},{"itemIdentifier":"id4"}]}"""));
    }

    [Test]
    public void Authorizer_answers_are_written_as_documented()
    {
        var simple = JsonSerializer.Serialize(
            new SimpleAuthorizerResponse(true, new Dictionary<string, string> { ["identity"] = "alice@example.com" }), AwsJsonContext.Default.SimpleAuthorizerResponse);
        var denied = JsonSerializer.Serialize(new SimpleAuthorizerResponse(false, null), AwsJsonContext.Default.SimpleAuthorizerResponse);
        var policy = JsonSerializer.Serialize(
            new PolicyResponse("alice@example.com", new PolicyDocument("2012-10-17", [new PolicyStatement("execute-api:Invoke", "Allow", "arn:x/prod/*/*")]), null),
            AwsJsonContext.Default.PolicyResponse);

        Assert.Multiple(() =>
        {
            Assert.That(simple, Is.EqualTo("""{"isAuthorized":true,"context":{"identity":"alice@example.com"}}"""));
            Assert.That(denied, Is.EqualTo("""{"isAuthorized":false}"""));
            Assert.That(policy, Is.EqualTo(
                """{"principalId":"alice@example.com","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"arn:x/prod/*/*"}]}}"""));
        });
    }

    [Test]
    public void Proxy_responses_and_runtime_errors_are_written_as_documented()
    {
        var response = Encoding.UTF8.GetString(
            new ProxyResponse(201, new Dictionary<string, string> { ["Content-Type"] = "application/json" }, "{}", false).ToUtf8Json());
        var error = JsonSerializer.Serialize(new RuntimeError("boom", "System.InvalidOperationException", ["at A.B()"]), AwsJsonContext.Default.RuntimeError);

        Assert.Multiple(() =>
        {
            Assert.That(response, Is.EqualTo("""{"statusCode":201,"headers":{"Content-Type":"application/json"},"body":"{}","isBase64Encoded":false}"""));
            Assert.That(error, Is.EqualTo("""{"errorMessage":"boom","errorType":"System.InvalidOperationException","stackTrace":["at A.B()"]}"""));
        });
    }
}
