using System.Text.Json.Nodes;
using Portable.Core.Http;
using Portable.Tests.Support;

namespace Portable.Core.Tests.Http;

/// <summary>The route table documents itself completely enough for an OpenAPI document on any host.</summary>
public sealed class ApiDocumentationTests
{
    private static readonly IReadOnlyList<ApiRoute> Routes = CoreRoutes.Table.Routes;

    private static IEnumerable<ApiRoute> AllRoutes() => Routes;

    [TestCaseSource(nameof(AllRoutes))]
    public void Every_route_has_a_tag_a_summary_and_a_documented_success(ApiRoute route)
    {
        var responses = ApiDocumentation.ResponsesOf(route);

        Assert.That(route.Tag, Is.Not.Empty);
        Assert.That(route.Summary, Is.Not.Empty);
        Assert.That(responses.Where(response => response.Status is >= 200 and < 300), Is.Not.Empty);
        Assert.That(responses.Select(response => response.Status), Is.Ordered.And.Unique);
        Assert.That(responses.Select(response => response.Status), Does.Contain(500));
    }

    [TestCaseSource(nameof(AllRoutes))]
    public void Every_documented_body_has_a_json_schema(ApiRoute route)
    {
        var bodies = ApiDocumentation.ResponsesOf(route).Select(response => response.Body).Append(route.Request).OfType<ApiBodyDoc>();

        foreach (var body in bodies)
        {
            Assert.That(ApiDocumentation.SchemaOf(body), Is.InstanceOf<JsonObject>(), route.Name);
        }
    }

    [Test]
    public void Protected_routes_document_their_scheme_and_its_401_and_403()
    {
        foreach (var route in Routes.Where(route => route.Policy != AuthPolicy.Anonymous))
        {
            Assert.That(ApiDocumentation.SchemeOf(route.Policy), Is.Not.Null, route.Name);
            Assert.That(ApiDocumentation.ResponsesOf(route).Where(r => r.IsProblem).Select(r => r.Status), Does.Contain(401).And.Contain(403), route.Name);
        }

        Assert.That(ApiDocumentation.SchemeOf(AuthPolicy.Anonymous), Is.Null);
    }

    [Test]
    public void Paths_carry_the_prefix_and_show_a_catch_all_as_a_plain_parameter()
    {
        var metadata = Routes.Single(route => route.Name == "GetMetadata");
        var status = Routes.Single(route => route.Name == "GetInstanceStatus");

        Assert.That(ApiDocumentation.PathOf(metadata, "api"), Is.EqualTo("/api/metadata/{path}"));
        Assert.That(ApiDocumentation.IsCatchAll(metadata, "path"), Is.True);
        Assert.That(ApiDocumentation.PathOf(status, "api"), Is.EqualTo("/runtime/webhooks/durabletask/instances/{id}"), "management routes are served from the root");
        Assert.That(ApiDocumentation.PathParameters(Routes.Single(route => route.Name == "RaiseInstanceEvent")), Is.EqualTo(new[] { "id", "eventName" }));
    }

    [Test]
    public void Schemas_use_the_names_of_the_context_that_writes_the_body()
    {
        var order = ApiDocumentation.ResponsesOf(Routes.Single(route => route.Name == "GetOrder")).Single(r => r.Status == 200).Body!;
        var batch = ApiDocumentation.SchemaOf(Routes.Single(route => route.Name == "SubmitSamples").Request!);

        Assert.That(ApiDocumentation.SchemaOf(order)["properties"]!.AsObject().Select(p => p.Key), Does.Contain("orderedBy"));
        Assert.That(batch["oneOf"]!.AsArray(), Has.Count.EqualTo(2), "one sample or an array of them");
        Assert.That(batch["oneOf"]![0]!["properties"]!.AsObject().Select(p => p.Key), Does.Contain("sampleId").And.Contain("wavelengthsNm"));
    }
}
