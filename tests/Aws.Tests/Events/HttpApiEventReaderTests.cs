using System.Text;
using System.Text.Json;
using Portable.Adapters.Aws.Api;

namespace Portable.Aws.Tests.Events;

/// <summary>The hand-written reader of HTTP API 2.0 events reads what the serializer read, and refuses what it refused.</summary>
public sealed class HttpApiEventReaderTests
{
    private static HttpApiRequest Read(string json) => HttpApiEventReader.Read(Encoding.UTF8.GetBytes(json));

    [Test]
    public void Property_names_match_in_any_case_and_escaped()
    {
        var request = Read("""{"VERSION":"2.0","rawpath":"/api/x","Headers":{"X-Api-Key":"k"},"request\u0043ontext":{"HTTP":{"Method":"GET"}},"IsBase64Encoded":true}""");

        Assert.Multiple(() =>
        {
            Assert.That(request.Version, Is.EqualTo("2.0"));
            Assert.That(request.RawPath, Is.EqualTo("/api/x"));
            Assert.That(request.Headers!["X-Api-Key"], Is.EqualTo("k"));
            Assert.That(request.RequestContext!.Http!.Method, Is.EqualTo("GET"));
            Assert.That(request.IsBase64Encoded, Is.True);
        });
    }

    [Test]
    public void Unknown_properties_of_any_shape_are_skipped_and_nulls_read_as_null()
    {
        var request = Read("""
            {"version":"2.0","routeKey":"$default","stageVariables":{"a":{"b":[1,2,{"c":null}]}},"pathParameters":null,
             "rawPath":"/api/x","cookies":null,"headers":null,"queryStringParameters":null,"body":null,
             "requestContext":{"accountId":"1","authorizer":{"lambda":{"k":[true]}},"http":{"method":"POST","path":"/api/x","sourceIp":"1.2.3.4"},"stage":"$default","timeEpoch":1}}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(request.RawPath, Is.EqualTo("/api/x"));
            Assert.That(request.Cookies, Is.Null);
            Assert.That(request.Headers, Is.Null);
            Assert.That(request.QueryStringParameters, Is.Null);
            Assert.That(request.Body, Is.Null);
            Assert.That(request.RequestContext!.Http!.Method, Is.EqualTo("POST"));
            Assert.That(request.RequestContext.Stage, Is.EqualTo("$default"));
            Assert.That(request.IsBase64Encoded, Is.False);
        });
    }

    [Test]
    public void Escaped_values_are_unescaped_and_a_repeated_header_keeps_the_last_value()
    {
        var request = Read("""{"body":"{\"a\":\"\u00e9\\n\"}","headers":{"x":"1","x":"2"},"cookies":["a=1","b=\u0032"]}""");

        Assert.Multiple(() =>
        {
            Assert.That(request.Body, Is.EqualTo("{\"a\":\"é\\n\"}"));
            Assert.That(request.Headers!["x"], Is.EqualTo("2"));
            Assert.That(request.Cookies, Is.EqualTo(new[] { "a=1", "b=2" }));
        });
    }

    [TestCase("""{"rawPath":42}""", "rawPath")]
    [TestCase("""{"headers":{"x-api-key":7}}""", "headers.x-api-key")]
    [TestCase("""{"headers":["x"]}""", "headers")]
    [TestCase("""{"cookies":"a=1"}""", "cookies")]
    [TestCase("""{"cookies":["a=1",2]}""", "cookies")]
    [TestCase("""{"isBase64Encoded":"yes"}""", "isBase64Encoded")]
    [TestCase("""{"requestContext":{"http":{"method":1}}}""", "requestContext.http.method")]
    [TestCase("""{"requestContext":"x"}""", "requestContext")]
    public void A_value_of_the_wrong_kind_is_refused_naming_its_property(string json, string property)
    {
        var refusal = Assert.Throws<JsonException>(() => Read(json));

        Assert.That(refusal!.Message, Does.Contain($"'{property}'"));
    }

    [TestCase("[]")]
    [TestCase("\"event\"")]
    [TestCase("""{"rawPath":"/a" """)]
    [TestCase("""{"rawPath":"/a"} {}""")]
    [TestCase("""{"rawPath":"/a",}""")]
    [TestCase("")]
    public void What_is_not_one_json_object_is_refused(string json)
    {
        Assert.Catch<JsonException>(() => Read(json));
    }
}
