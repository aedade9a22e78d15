using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Http;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Functions.Http;
using Portable.Functions.Tests.Doubles;

namespace Portable.Functions.Tests.Http;

/// <summary>The HTTP trigger over Core's route table, with the worker's request and response types as doubles.</summary>
public sealed class ApiFunctionTests
{
    private const string Sample = """
        {"sampleId":"S-0001","instrumentId":"UV-1","acquiredAt":"2026-11-23T08:00:00Z",
         "wavelengthsNm":[200,201,202,203,204,205,206,207,208,209,210],
         "absorbance":[0.12,0.13,0.13,0.14,0.15,0.15,0.16,0.16,0.17,0.17,0.18]}
        """;

    private static readonly KeyValuePair<string, string> LabKey = new("x-api-key", TestHost.LabKey);

    private TestHost _host = null!;
    private ApiFunction _function = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new TestHost();
        _function = new ApiFunction(_host.Services.GetRequiredService<ApiDispatcher>());
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    [Test]
    public async Task ARouteIsAnsweredByCoresHandler()
    {
        var response = await SendAsync("POST", "qc/check", Sample, headers: [LabKey]);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Header("Content-Type"), Does.StartWith("application/json"));
            Assert.That(JsonDocument.Parse(response.ReadBody()).RootElement.GetProperty("sampleId").GetString(), Is.EqualTo("S-0001"));
        });
    }

    [Test]
    public async Task AnUnknownPathAndAWrongMethodGetCoresProblemAnswers()
    {
        var missing = await SendAsync("GET", "nowhere");
        var wrongMethod = await SendAsync("DELETE", "qc/check");

        Assert.Multiple(() =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(missing.Header("Content-Type"), Does.StartWith("application/problem+json"));
            Assert.That(wrongMethod.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(wrongMethod.Header("Allow"), Is.EqualTo("POST"));
        });
    }

    [Test]
    public async Task QueryHeadersAndAuthReachCore()
    {
        var unauthorised = await SendAsync("GET", "logs", query: "?device_id=pump-7");
        var authorised = await SendAsync("GET", "logs", query: "?device_id=pump-7", headers: [new("x-api-key", "read-key")]);

        Assert.Multiple(() =>
        {
            Assert.That(unauthorised.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(authorised.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task ABodyOverTheLimitIs413WithoutBeingRead()
    {
        var response = await SendAsync("POST", "qc/check", "{}", headers: [new("Content-Length", (ApiLimits.MaxBodyBytes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public async Task ASubmittedSampleStartsItsWorkflowAndAnswersDurablesLinks()
    {
        var response = await SendAsync("POST", "samples", Sample, headers: [LabKey]);
        var body = JsonDocument.Parse(response.ReadBody()).RootElement;
        var links = body.GetProperty("links");
        var expected = _host.Durable.CreateHttpManagementPayload("qc-S-0001", Request("GET", "samples", null));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(body.GetProperty("sampleId").GetString(), Is.EqualTo("S-0001"));
            Assert.That(links.GetProperty("statusQueryGetUri").GetString(), Is.EqualTo(expected.StatusQueryGetUri));
            Assert.That(links.GetProperty("terminatePostUri").GetString(), Is.EqualTo(expected.TerminatePostUri));
            Assert.That(response.Header("Location"), Is.EqualTo(expected.StatusQueryGetUri));
            Assert.That(_host.Durable.Scheduled.Single().Name.Name, Is.EqualTo(QualityWorkflow.Name));
            Assert.That(_host.Durable.Scheduled.Single().Options?.InstanceId, Is.EqualTo("qc-S-0001"));
        });
    }

    [Test]
    public async Task APlacedOrderStartsItsWorkflowUnderTheOrderId()
    {
        var response = await SendAsync("POST", "order", """{"Item":"book","Amount":12}""", headers: [new("Authorization", "Bearer dev-token")]);
        var orderId = JsonDocument.Parse(response.ReadBody()).RootElement.GetProperty("orderId").GetString();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(_host.Durable.Scheduled.Single().Name.Name, Is.EqualTo(OrderWorkflow.Name));
            Assert.That(_host.Durable.Scheduled.Single().Options?.InstanceId, Is.EqualTo(orderId));
            Assert.That(_host.Durable.Scheduled.Single().Input, Is.TypeOf<OrderInput>());
        });
    }

    [Test]
    public async Task CancellingAnOrderRaisesTheCancelEventThroughDurable()
    {
        var placed = await SendAsync("POST", "order", """{"Item":"book","Amount":12}""", headers: [new("Authorization", "Bearer dev-token")]);
        var orderId = JsonDocument.Parse(placed.ReadBody()).RootElement.GetProperty("orderId").GetString()!;

        var cancelled = await SendAsync("PUT", "cancel/" + orderId, headers: [new("Authorization", "Bearer dev-token")]);

        Assert.Multiple(() =>
        {
            Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(_host.Durable.Raised.Single().InstanceId, Is.EqualTo(orderId));
            Assert.That(_host.Durable.Raised.Single().EventName, Is.EqualTo(OrderEvents.Cancel));
        });
    }

    private async Task<FakeHttpResponseData> SendAsync(string method, string path, string? body = null, string query = "", KeyValuePair<string, string>[]? headers = null)
    {
        var request = Request(method, path, body, query, headers);
        return (FakeHttpResponseData)await _function.RunAsync(request, _host.Durable, request.FunctionContext);
    }

    private FakeHttpRequestData Request(string method, string path, string? body, string query = "", KeyValuePair<string, string>[]? headers = null)
    {
        var context = new FakeFunctionContext(_host.Services.CreateScope().ServiceProvider, new Dictionary<string, object?> { [HttpExchange.PathBindingName] = path });
        return new FakeHttpRequestData(context, method, new Uri($"http://localhost:7071/api/{path}{query}"), body is null ? null : Encoding.UTF8.GetBytes(body), headers);
    }
}
