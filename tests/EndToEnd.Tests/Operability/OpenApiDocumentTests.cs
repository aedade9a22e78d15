using System.Text.Json;
using Portable.Core.Http;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>The served OpenAPI document says exactly what the route table says: every route, and nothing else.</summary>
[NonParallelizable]
public sealed class OpenApiDocumentTests
{
    private LocalHostProcess _host = null!;
    private JsonElement _document;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        _host = await LocalHostProcess.StartAsync();
        var (status, body, _) = await _host.Client.SendJsonAsync(HttpMethod.Get, "openapi/v1.json");
        Assert.That(status, Is.EqualTo(200));
        _document = body;
    }

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path =>
            path.Value.EnumerateObject().Select(operation => (path.Name, operation.Name.ToUpperInvariant(), operation.Value)));

    [Test]
    public void Every_route_is_an_operation_with_its_method_path_and_name_and_there_is_nothing_else()
    {
        var routes = CoreRoutes.Table.Routes;
        var expected = routes.Select(route => (ApiDocumentation.PathOf(route, "api"), route.Method, route.Name)).Order().ToList();

        var actual = Operations(_document).Select(op => (op.Path, op.Method, op.Operation.GetProperty("operationId").GetString()!)).Order().ToList();

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void Each_operation_requires_the_security_scheme_of_its_route_policy()
    {
        var byName = Operations(_document).ToDictionary(op => op.Operation.GetProperty("operationId").GetString()!, op => op.Operation);

        foreach (var route in CoreRoutes.Table.Routes)
        {
            var operation = byName[route.Name];
            var schemes = operation.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(scheme => scheme.Name)).ToList()
                : [];
            var expected = ApiDocumentation.SchemeOf(route.Policy) is { } scheme ? new[] { scheme } : [];
            Assert.That(schemes, Is.EqualTo(expected), route.Name);
            if (expected.Length > 0)
            {
                Assert.That(operation.GetProperty("responses").EnumerateObject().Select(r => r.Name), Does.Contain("401").And.Contain("403"), route.Name);
            }
        }
    }

    [Test]
    public void The_security_schemes_are_the_api_key_header_and_the_bearer_token()
    {
        var schemes = _document.GetProperty("components").GetProperty("securitySchemes");

        Assert.That(schemes.GetProperty("errorLogsWriteKey").GetProperty("type").GetString(), Is.EqualTo("apiKey"));
        Assert.That(schemes.GetProperty("errorLogsWriteKey").GetProperty("name").GetString(), Is.EqualTo("x-api-key"));
        Assert.That(schemes.GetProperty("errorLogsReadKey").GetProperty("in").GetString(), Is.EqualTo("header"));
        Assert.That(schemes.GetProperty("ordersBearer").GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
    }

    [Test]
    public void The_failed_sample_list_describes_its_instrument_filter_and_page_size_as_query_parameters()
    {
        var failures = Operations(_document).Single(op => op.Operation.GetProperty("operationId").GetString() == "ListFailedSamples").Operation;
        var parameters = failures.GetProperty("parameters").EnumerateArray()
            .Where(parameter => parameter.GetProperty("in").GetString() == "query")
            .ToDictionary(parameter => parameter.GetProperty("name").GetString()!, parameter => parameter.GetProperty("schema").GetProperty("type").GetString());

        Assert.That(parameters, Is.EquivalentTo(new Dictionary<string, string?> { ["instrument"] = "string", ["limit"] = "integer" }));
    }

    [Test]
    public void Bodies_are_described_with_the_names_the_wire_uses_and_errors_as_problem_details()
    {
        var byName = Operations(_document).ToDictionary(op => op.Operation.GetProperty("operationId").GetString()!, op => op.Operation);

        var order = byName["GetOrder"].GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var sample = byName["GetSample"].GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var logs = byName["GetErrorLogs"].GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var placeOrder = byName["PlaceOrder"].GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var notFound = byName["GetOrder"].GetProperty("responses").GetProperty("404").GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");

        Assert.That(order.GetProperty("properties").EnumerateObject().Select(p => p.Name), Does.Contain("orderedBy").And.Contain("status"), "orders answer camelCase");
        Assert.That(sample.GetProperty("properties").EnumerateObject().Select(p => p.Name), Does.Contain("notificationStatus"), "quality is camelCase");
        Assert.That(logs.GetProperty("items").GetProperty("properties").EnumerateObject().Select(p => p.Name), Does.Contain("device_id"), "error logs are snake_case");
        Assert.That(placeOrder.GetProperty("required").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { "item", "amount" }));
        Assert.That(notFound.GetProperty("$ref").GetString(), Is.EqualTo("#/components/schemas/ProblemDetails"));
        Assert.That(_document.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails").GetProperty("properties").EnumerateObject().Select(p => p.Name),
            Does.Contain("title").And.Contain("status").And.Contain("errors"));
    }

    [Test]
    public async Task The_reference_page_is_served()
    {
        using var response = await _host.Client.GetAsync(new Uri("scalar/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(html, Does.Contain("openapi/v1.json"));
    }

    [Test]
    public void Every_operation_has_a_short_title_and_its_route_summary_as_description()
    {
        foreach (var (_, _, operation) in Operations(_document))
        {
            var name = operation.GetProperty("operationId").GetString()!;
            Assert.That(operation.GetProperty("summary").GetString()!.Split(' '), Has.Length.LessThanOrEqualTo(6), name);
            Assert.That(operation.GetProperty("description").GetString(), Is.EqualTo(CoreRoutes.Table.Routes.Single(route => route.Name == name).Summary), name);
        }
    }

    [Test]
    public async Task Every_documented_example_body_is_accepted_by_its_route()
    {
        var sent = new List<string>();
        foreach (var (path, method, operation) in Operations(_document))
        {
            if (!operation.TryGetProperty("requestBody", out var requestBody)
                || !requestBody.GetProperty("content").GetProperty("application/json").TryGetProperty("example", out var example))
            {
                continue;
            }

            var name = operation.GetProperty("operationId").GetString()!;
            var credential = name switch
            {
                "PostErrorLogs" => ("x-api-key", LocalHostProcess.WriteKey),
                "PlaceOrder" => ("Authorization", "Bearer " + LocalHostProcess.AliceToken),
                _ => ("x-functions-key", LocalHostProcess.OperatorKey),
            };
            var target = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "X" + Guid.NewGuid().ToString("N")[..8]).TrimStart('/');
            var (status, body, _) = await _host.Client.SendJsonAsync(new HttpMethod(method), target, example.GetRawText(), headers => headers.TryAddWithoutValidation(credential.Item1, credential.Item2));

            Assert.That(status, Is.InRange(200, 299), $"{name}: {body}");
            sent.Add(name);
        }

        Assert.That(sent, Is.SupersetOf(new[] { "PostErrorLogs", "PlaceOrder", "CheckSample", "SubmitSamples" }));
    }

    [Test]
    public async Task The_reference_page_has_no_hosted_service_buttons_and_the_development_credentials_filled_in()
    {
        using var response = await _host.Client.GetAsync(new Uri("scalar/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(html, Does.Contain("\"hideClientButton\":true").And.Contain("\"showDeveloperTools\":\"never\"").And.Contain("\"telemetry\":false"), html);
        Assert.That(html, Does.Contain(LocalHostProcess.LabKey).And.Contain(LocalHostProcess.OperatorKey), "the host's credentials of Development");
    }
}
