using System.Text;
using System.Text.Json;
using Portable.Adapters.Aws.Managed;
using Portable.Aws.Tests.Events;

namespace Portable.Aws.Tests.Handlers;

/// <summary>The stream handlers the managed dotnet10 runtime calls: the same handlers, stream in, stream out.</summary>
public sealed class ManagedHandlersTests
{
    private const string WebhookVariable = "Quality__Notifier__WebhookUrl";

    // The managed runtime configures a function from its environment, where every deployment names the webhook.
    [OneTimeSetUp]
    public void NameTheWebhook() => Environment.SetEnvironmentVariable(WebhookVariable, "http://127.0.0.1:9/qc");

    [OneTimeTearDown]
    public void ForgetTheWebhook() => Environment.SetEnvironmentVariable(WebhookVariable, null);

    [Test]
    public async Task The_api_stream_handler_answers_a_proxy_event_with_a_proxy_response()
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(ApiEvents.V2("GET", "/api/metadata/cloud/provider")));

        await using var output = await ManagedHandlers.Api(input);
        using var answer = await JsonDocument.ParseAsync(output);

        Assert.That(answer.RootElement.GetProperty("statusCode").GetInt32(), Is.EqualTo(200));
        Assert.That(answer.RootElement.GetProperty("body").GetString(), Is.EqualTo("\"aws\""));
    }

    [Test]
    public async Task The_authorizer_stream_handler_refuses_an_unknown_token()
    {
        using var input = new MemoryStream(Fixture.Bytes("authorizer-v2.json"));

        await using var output = await ManagedHandlers.Authorizer(input);
        using var answer = await JsonDocument.ParseAsync(output);

        // The test process configures no tokens, so even alice's is unknown here.
        Assert.That(answer.RootElement.GetProperty("isAuthorized").GetBoolean(), Is.False);
    }
}
