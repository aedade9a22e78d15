using System.Text;
using System.Text.Json;
using Portable.Adapters.Aws.Api;
using Portable.Adapters.Aws.Json;
using Portable.Aws.Tests.Events;
using Portable.Core.Http;

namespace Portable.Aws.Tests.Handlers;

public sealed class ApiEventMapperTests
{
    private static RoutedRequest FromV2(string json) =>
        ApiEventMapper.FromHttpApi(HttpApiEventReader.Read(Encoding.UTF8.GetBytes(json)), "api", "Root=1-abc");

    private static RoutedRequest FromV1(string json) =>
        ApiEventMapper.FromRestApi(JsonSerializer.Deserialize(json, AwsJsonContext.Default.RestApiRequest)!, "api", null);

    [Test]
    public void A_named_stage_and_the_route_prefix_are_taken_off_the_raw_path()
    {
        var routed = FromV2(Fixture.Text("http-api-v2.json"));

        Assert.Multiple(() =>
        {
            Assert.That(routed.Prefixed, Is.True);
            Assert.That(routed.Request.Path, Is.EqualTo("logs"));
            Assert.That(routed.Request.Method, Is.EqualTo("POST"));
            Assert.That(routed.Request.BaseUri, Is.EqualTo(new Uri("https://r3pmxmplak.execute-api.us-east-2.amazonaws.com")));
            Assert.That(routed.Request.Query["device_id"], Is.EqualTo("pump/7"));
            Assert.That(routed.Request.Header("X-API-KEY"), Is.EqualTo("test-write-key"));
            Assert.That(routed.Request.Header("Cookie"), Is.EqualTo("session=abc; theme=dark"));
            Assert.That(Encoding.UTF8.GetString(routed.Request.Body.Span), Is.EqualTo("""{"device_id":"pump/7","error_number":42,"time_stamp":1700000000}"""));
            Assert.That(routed.Request.TraceId, Is.EqualTo("Root=1-abc"));
        });
    }

    [TestCase("/api/order/ORD0000001", "order/ORD0000001", true)]
    [TestCase("/API/metadata/cloud/", "metadata/cloud/", true)]
    [TestCase("/runtime/webhooks/durabletask/instances/x", "runtime/webhooks/durabletask/instances/x", false)]
    [TestCase("/apis/logs", "apis/logs", false)]
    [TestCase("/", "", false)]
    public void Paths_outside_the_prefix_go_to_the_root_routes(string path, string expected, bool prefixed) =>
        Assert.That(ApiEventMapper.SplitPrefix(path, "api"), Is.EqualTo((expected, prefixed)));

    [Test]
    public void The_default_stage_leaves_the_path_alone() =>
        Assert.That(FromV2(ApiEvents.V2("GET", "/api/order/ORD0000001")).Request.Path, Is.EqualTo("order/ORD0000001"));

    [Test]
    public void A_rest_event_joins_repeated_headers_and_query_values_and_escapes_its_decoded_path_once_more()
    {
        var routed = FromV1(Fixture.Text("rest-api-v1.json"));
        var spaced = FromV1(ApiEvents.V1("GET", "/api/order/a%20b"));

        Assert.Multiple(() =>
        {
            Assert.That(routed.Request.Path, Is.EqualTo("logs"));
            Assert.That(routed.Request.Query["tag"], Is.EqualTo("a,b"));
            Assert.That(routed.Request.Query["device_id"], Is.EqualTo("pump 7"));
            Assert.That(routed.Request.Header("X-Api-Key"), Is.EqualTo("test-read-key"));
            Assert.That(routed.Request.Body.IsEmpty, Is.True);
            Assert.That(spaced.Request.Path, Is.EqualTo("order/a%20b"));
        });
    }

    [Test]
    public void A_body_over_the_limit_is_flagged_not_kept()
    {
        var routed = FromV2(ApiEvents.V2("POST", "/api/logs", body: new string('x', ApiLimits.MaxBodyBytes + 1), base64: true));

        Assert.That((routed.Request.BodyTooLarge, routed.Request.Body.Length), Is.EqualTo((true, 0)));
    }

    [Test]
    public void Json_answers_travel_as_text_and_others_as_base64()
    {
        var json = ApiEventMapper.ToProxyResponse(ApiResponse.RawJson(200, "[1]"u8.ToArray()).WithHeader("Location", "https://x/y"));
        var binary = ApiEventMapper.ToProxyResponse(ApiResponse.Empty(200));

        Assert.Multiple(() =>
        {
            Assert.That((json.Body, json.IsBase64Encoded), Is.EqualTo(("[1]", false)));
            Assert.That(json.Headers["Content-Type"], Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(json.Headers["Location"], Is.EqualTo("https://x/y"));
            Assert.That((binary.Body, binary.IsBase64Encoded), Is.EqualTo(("", false)));
        });
    }
}
