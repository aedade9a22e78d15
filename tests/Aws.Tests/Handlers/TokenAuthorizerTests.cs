using System.Text.Json.Nodes;
using Portable.Adapters.Aws.Authorizer;
using Portable.Adapters.Aws.Runtime;
using Portable.Aws.Tests.Events;

namespace Portable.Aws.Tests.Handlers;

/// <summary>The seed's token authorizer, as API Gateway calls it.</summary>
public sealed class TokenAuthorizerTests
{
    private TestHost _host = null!;

    [OneTimeSetUp]
    public void Start() => _host = TestHost.Create();

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private static string WithAuthorization(string fixture, string? header)
    {
        var node = JsonNode.Parse(Fixture.Text(fixture))!.AsObject();
        var headers = node["headers"]!.AsObject();
        headers.Remove("authorization");
        headers.Remove("Authorization");
        if (header is not null)
        {
            headers["authorization"] = header;
        }

        return node.ToJsonString();
    }

    [Test]
    public async Task A_known_token_is_authorized_with_its_identity_as_context()
    {
        var answer = await _host.InvokeAsync(HandlerNames.Authorizer, Fixture.Text("authorizer-v2.json"));

        Assert.That(answer.GetProperty("isAuthorized").GetBoolean(), Is.True);
        Assert.That(answer.GetProperty("context").GetProperty("identity").GetString(), Is.EqualTo("alice@example.com"));
    }

    [TestCase("Bearer mallory-token")]
    [TestCase("Basic YWxpY2U6c2VjcmV0")]
    [TestCase("Bearer ")]
    [TestCase(null)]
    public async Task Any_other_header_is_not_authorized(string? header)
    {
        var answer = await _host.InvokeAsync(HandlerNames.Authorizer, WithAuthorization("authorizer-v2.json", header));

        Assert.That(answer.GetProperty("isAuthorized").GetBoolean(), Is.False);
        Assert.That(answer.TryGetProperty("context", out _), Is.False);
        Assert.That(_host.LogText, Does.Not.Contain("mallory-token"), "tokens are never logged");
    }

    [Test]
    public async Task A_token_authorizer_gets_an_allow_policy_for_the_whole_stage()
    {
        var answer = await _host.InvokeAsync(HandlerNames.Authorizer, Fixture.Text("authorizer-token.json"));
        var statement = answer.GetProperty("policyDocument").GetProperty("Statement")[0];

        Assert.Multiple(() =>
        {
            Assert.That(answer.GetProperty("principalId").GetString(), Is.EqualTo("alice@example.com"));
            Assert.That(statement.GetProperty("Effect").GetString(), Is.EqualTo("Allow"));
            Assert.That(statement.GetProperty("Action").GetString(), Is.EqualTo("execute-api:Invoke"));
            Assert.That(statement.GetProperty("Resource").GetString(), Is.EqualTo("arn:aws:execute-api:us-east-2:123456789012:b8xmplnyq3/prod/*/*"));
            Assert.That(answer.GetProperty("context").GetProperty("identity").GetString(), Is.EqualTo("alice@example.com"));
        });
    }

    [Test]
    public async Task A_wrong_token_gets_a_deny_policy()
    {
        var json = Fixture.Text("authorizer-token.json").Replace("alice-token", "nobody", StringComparison.Ordinal);

        var answer = await _host.InvokeAsync(HandlerNames.Authorizer, json);

        Assert.That(answer.GetProperty("policyDocument").GetProperty("Statement")[0].GetProperty("Effect").GetString(), Is.EqualTo("Deny"));
        Assert.That(answer.GetProperty("principalId").GetString(), Is.EqualTo("anonymous"));
    }

    [Test]
    public async Task A_1_0_request_authorizer_reads_the_header_in_any_case()
    {
        var answer = await _host.InvokeAsync(HandlerNames.Authorizer, Fixture.Text("authorizer-request-v1.json"));

        Assert.That(answer.GetProperty("principalId").GetString(), Is.EqualTo("bob@example.com"));
    }

    [TestCase("arn:aws:execute-api:us-east-2:1:api/prod/GET/api/order/x", "arn:aws:execute-api:us-east-2:1:api/prod/*/*")]
    [TestCase("arn:aws:execute-api:us-east-2:1:api", "arn:aws:execute-api:us-east-2:1:api")]
    [TestCase(null, "*")]
    public void The_policy_covers_the_stage(string? methodArn, string expected) =>
        Assert.That(TokenAuthorizerHandler.PolicyResource(methodArn), Is.EqualTo(expected));
}
