using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Aws.Runtime;
using Portable.Aws.Tests.Events;
using Portable.Aws.Tests.Handlers;
using Portable.Core.Http;

namespace Portable.Aws.Tests.Access;

/// <summary>The management API's authorizer, as API Gateway calls it: operator keys and per-instance codes, never customers' tokens.</summary>
public sealed class OperatorAuthorizerTests
{
    private const string OperatorKey = "lambda-operator-key-01";

    private TestHost _host = null!;

    [OneTimeSetUp]
    public void Start() => _host = TestHost.WithOperatorKey(OperatorKey);

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    /// <summary>An HTTP API 2.0 REQUEST authorizer event for <paramref name="path"/>, built from the proxy event of the same request.</summary>
    private static string Event(string method, string path, IReadOnlyDictionary<string, string>? headers = null)
    {
        var node = JsonNode.Parse(ApiEvents.V2(method, path, headers))!.AsObject();
        node["type"] = "REQUEST";
        node["routeArn"] = $"arn:aws:execute-api:us-east-2:123456789012:r3pmxmplak/$default/{method}{path.Split('?')[0]}";
        node.Remove("isBase64Encoded");
        return node.ToJsonString();
    }

    private async Task<bool> AuthorizedAsync(string method, string path, IReadOnlyDictionary<string, string>? headers = null) =>
        (await _host.InvokeAsync(HandlerNames.OperatorAuthorizer, Event(method, path, headers))).GetProperty("isAuthorized").GetBoolean();

    [Test]
    public async Task An_operator_key_passes_in_the_header_or_the_query()
    {
        Assert.That(await AuthorizedAsync("GET", "/runtime/webhooks/durabletask/instances", new Dictionary<string, string> { ["x-functions-key"] = OperatorKey }), Is.True);
        Assert.That(await AuthorizedAsync("POST", "/runtime/webhooks/durabletask/instances/ORD0000001/terminate?code=" + OperatorKey), Is.True);
    }

    [Test]
    public async Task The_dashboard_passes_with_the_operator_key_and_not_without()
    {
        Assert.That(await AuthorizedAsync("GET", "/dashboard?code=" + OperatorKey), Is.True);
        Assert.That(await AuthorizedAsync("GET", "/dashboard/api/charts", new Dictionary<string, string> { ["x-functions-key"] = OperatorKey }), Is.True);
        Assert.That(await AuthorizedAsync("GET", "/dashboard/instances/ORD0000001?code=not-the-operator-key"), Is.False);
        Assert.That(await AuthorizedAsync("GET", "/dashboard/api/instances", new Dictionary<string, string> { ["authorization"] = "Bearer " + TestHost.AliceToken }), Is.False);
    }

    [Test]
    public async Task A_customers_token_a_wrong_key_or_nothing_does_not_pass()
    {
        Assert.That(await AuthorizedAsync("GET", "/runtime/webhooks/durabletask/instances", new Dictionary<string, string> { ["authorization"] = "Bearer " + TestHost.AliceToken }), Is.False);
        Assert.That(await AuthorizedAsync("GET", "/runtime/webhooks/durabletask/instances", new Dictionary<string, string> { ["x-functions-key"] = "not-the-operator-key" }), Is.False);
        Assert.That(await AuthorizedAsync("GET", "/runtime/webhooks/durabletask/instances"), Is.False);
    }

    [Test]
    public async Task An_instance_code_passes_for_that_instances_status_alone()
    {
        var code = _host.Services.GetRequiredService<InstanceCodes>().For("ORD0000001");

        Assert.That(await AuthorizedAsync("GET", "/runtime/webhooks/durabletask/instances/ORD0000001?code=" + code), Is.True);
        Assert.That(await AuthorizedAsync("GET", "/runtime/webhooks/durabletask/instances/ORD0000002?code=" + code), Is.False, "another instance");
        Assert.That(await AuthorizedAsync("POST", "/runtime/webhooks/durabletask/instances/ORD0000001/terminate?code=" + code), Is.False, "another operation");
        Assert.That(await AuthorizedAsync("GET", "/runtime/webhooks/durabletask/instances?code=" + code), Is.False, "the list");
    }
}
