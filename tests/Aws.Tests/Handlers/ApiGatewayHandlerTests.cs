using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Aws.Runtime;
using Portable.Aws.Tests.Events;
using Portable.Aws.Tests.Fakes;
using Portable.Core.Workflows;

namespace Portable.Aws.Tests.Handlers;

/// <summary>The api handler on the real composition: the routes, codes and bodies of the embedded host.</summary>
public sealed class ApiGatewayHandlerTests
{
    private FakeWorkflowClient _workflows = null!;
    private TestHost _host = null!;

    [SetUp]
    public void Start()
    {
        _workflows = new FakeWorkflowClient();
        _host = TestHost.Create(services => services.AddSingleton<IWorkflowClient>(_workflows));
    }

    [TearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private static Dictionary<string, string> Key(string key) => new() { ["x-api-key"] = key };

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = "Bearer " + token };

    private static JsonElement Body(JsonElement response) =>
        JsonDocument.Parse(response.GetProperty("body").GetString()!).RootElement;

    [Test]
    public async Task Error_logs_posted_through_a_2_0_event_are_read_back_through_a_1_0_event()
    {
        var posted = await _host.InvokeAsync(HandlerNames.Api, Fixture.Text("http-api-v2.json"));
        var read = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V1("GET", "/api/logs?device_id=pump%2F7", Key(TestHost.ReadKey)));

        Assert.Multiple(() =>
        {
            Assert.That(posted.GetProperty("statusCode").GetInt32(), Is.EqualTo(201));
            Assert.That(posted.GetProperty("isBase64Encoded").GetBoolean(), Is.False);
            Assert.That(Body(posted).GetProperty("error_log_ids").GetArrayLength(), Is.EqualTo(1));
            Assert.That(read.GetProperty("statusCode").GetInt32(), Is.EqualTo(200));
            Assert.That(Body(read)[0].GetProperty("error_number").GetInt32(), Is.EqualTo(42));
            Assert.That(read.GetProperty("headers").GetProperty("Content-Type").GetString(), Does.StartWith("application/json"));
        });
    }

    [TestCase(null, 401)]
    [TestCase(TestHost.ReadKey, 403)]
    [TestCase("wrong", 403)]
    public async Task Posting_logs_without_the_write_key_is_refused(string? key, int status)
    {
        var response = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("POST", "/api/logs", key is null ? null : Key(key), """{"device_id":"d","error_number":1,"time_stamp":1}"""));

        Assert.That(response.GetProperty("statusCode").GetInt32(), Is.EqualTo(status));
        Assert.That(response.GetProperty("headers").GetProperty("Content-Type").GetString(), Does.StartWith("application/problem+json"));
    }

    [Test]
    public async Task A_bad_record_is_a_400_naming_its_field()
    {
        var response = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("POST", "/api/logs", Key(TestHost.WriteKey), """[{"device_id":"d","error_number":1,"time_stamp":-1}]"""));

        Assert.That(response.GetProperty("statusCode").GetInt32(), Is.EqualTo(400));
        Assert.That(Body(response).GetProperty("errors").TryGetProperty("[0].time_stamp", out _), Is.True);
    }

    [Test]
    public async Task Unknown_paths_are_404_and_other_methods_405_with_allow()
    {
        var missing = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/api/nothing/here"));
        var method = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V1("DELETE", "/api/logs"));

        Assert.Multiple(() =>
        {
            Assert.That(missing.GetProperty("statusCode").GetInt32(), Is.EqualTo(404));
            Assert.That(method.GetProperty("statusCode").GetInt32(), Is.EqualTo(405));
            Assert.That(method.GetProperty("headers").GetProperty("Allow").GetString(), Is.EqualTo("POST, GET"));
        });
    }

    [Test]
    public async Task An_oversized_body_is_413()
    {
        var response = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("POST", "/api/logs", Key(TestHost.WriteKey), new string(' ', 1024 * 1024 + 1), base64: true));

        Assert.That(response.GetProperty("statusCode").GetInt32(), Is.EqualTo(413));
    }

    [Test]
    public async Task Metadata_tells_the_cloud_region_function_and_memory_from_lambdas_variables()
    {
        var cloud = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/api/metadata/cloud/", stage: "prod"));
        var memory = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/api/metadata/function/memory-mb"));

        Assert.Multiple(() =>
        {
            Assert.That(Body(cloud).GetProperty("provider").GetString(), Is.EqualTo("aws"));
            Assert.That(Body(cloud).GetProperty("region").GetString(), Is.EqualTo("us-east-2"));
            Assert.That(Body(memory).GetInt32(), Is.EqualTo(128));
        });
    }

    [Test]
    public async Task Order_routes_want_a_bearer_token_and_answer_404_for_unknown_orders()
    {
        var anonymous = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/api/order/ORD0000001"));
        var unknown = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/api/order/ORD0009999", Bearer(TestHost.AliceToken)));

        Assert.Multiple(() =>
        {
            Assert.That(anonymous.GetProperty("statusCode").GetInt32(), Is.EqualTo(401));
            Assert.That(anonymous.GetProperty("headers").GetProperty("WWW-Authenticate").GetString(), Is.EqualTo("Bearer"));
            Assert.That(unknown.GetProperty("statusCode").GetInt32(), Is.EqualTo(404));
        });
    }

    [Test]
    public async Task A_placed_order_starts_its_workflow_and_links_to_it_on_the_api_domain()
    {
        var placed = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("POST", "/api/order", Bearer(TestHost.AliceToken), """{"Item":"book","Amount":3}"""));
        var orderId = Body(placed).GetProperty("orderId").GetString()!;
        var read = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V1("GET", "/api/order/" + orderId, Bearer(TestHost.AliceToken)));

        Assert.Multiple(() =>
        {
            Assert.That(placed.GetProperty("statusCode").GetInt32(), Is.EqualTo(202));
            Assert.That(placed.GetProperty("headers").GetProperty("Location").GetString(),
                Is.EqualTo($"https://{ApiEvents.Domain}/runtime/webhooks/durabletask/instances/{orderId}"));
            Assert.That(_workflows.Started.Single().InstanceId, Is.EqualTo(orderId));
            Assert.That(Body(read).GetProperty("orderedBy").GetString(), Is.EqualTo("alice@example.com"));
        });
    }

    [Test]
    public async Task A_request_that_runs_out_of_time_is_answered_503_with_retry_after()
    {
        var response = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/api/logs", Key(TestHost.ReadKey)), timeout: TimeSpan.FromMilliseconds(500));

        Assert.That(response.GetProperty("statusCode").GetInt32(), Is.EqualTo(503));
        Assert.That(response.GetProperty("headers").GetProperty("Retry-After").GetString(), Is.EqualTo("1"));
    }

    [Test]
    public async Task The_root_answers_its_links_and_each_is_a_route_the_function_serves()
    {
        var home = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/"));
        var hrefs = Body(home).GetProperty("links").EnumerateArray().Select(link => link.GetProperty("href").GetString()!).ToList();

        Assert.That(home.GetProperty("statusCode").GetInt32(), Is.EqualTo(200));
        Assert.That(hrefs, Is.Not.Empty);
        foreach (var href in hrefs)
        {
            var answer = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", href));
            Assert.That(answer.GetProperty("statusCode").GetInt32(), Is.Not.EqualTo(404), href);
        }
    }
}
