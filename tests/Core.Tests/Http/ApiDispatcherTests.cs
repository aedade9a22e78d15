using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Portable.Core.Http;
using Portable.Core.Validation;

namespace Portable.Core.Tests.Http;

public sealed class ApiDispatcherTests
{
    private static readonly AccessOptions Access = new()
    {
        ErrorLogsWriteKey = "write-key",
        ErrorLogsReadKey = "read-key",
        OrderTokenList = "tok-1=alice@example.com;tok-2=bob@example.com",
    };

    private static ApiDispatcher Dispatcher(params ApiRoute[] routes) =>
        new(new RouteTable(routes), new ApiAuthenticator(Access), NullLogger<ApiDispatcher>.Instance);

    private static ApiRoute Throwing(Exception exception, AuthPolicy policy = AuthPolicy.Anonymous) =>
        new("T", "POST", "t", policy, (_, _) => throw exception);

    private static ApiRoute Echo(AuthPolicy policy) =>
        new("E", "GET", "e", policy, (request, _) => ValueTask.FromResult(ApiResponse.Text(200, request.Identity ?? "")));

    private static ApiRequest Request(string method, string path, Dictionary<string, string>? headers = null, byte[]? body = null) => new()
    {
        Method = method,
        Path = path,
        BaseUri = new Uri("http://localhost:7071"),
        Headers = headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
        Body = body ?? [],
    };

    private static async Task<ApiResponse> Send(ApiDispatcher dispatcher, ApiRequest request) =>
        await dispatcher.DispatchAsync(request, CancellationToken.None);

    private static JsonElement Json(ApiResponse response) => JsonDocument.Parse(response.Body).RootElement;

    [Test]
    public async Task Validation_errors_become_400_problem_details_with_the_fields()
    {
        var response = await Send(Dispatcher(Throwing(new ValidationException("Amount", "must be greater than zero."))), Request("POST", "t"));

        Assert.That(response.StatusCode, Is.EqualTo(400));
        Assert.That(response.ContentType, Does.StartWith("application/problem+json"));
        Assert.That(Json(response).GetProperty("errors").GetProperty("Amount")[0].GetString(), Is.EqualTo("must be greater than zero."));
    }

    [Test]
    public async Task A_route_opened_in_a_browser_adds_its_hint_to_a_401_and_only_to_a_401()
    {
        var page = Echo(AuthPolicy.Operator) with { UnauthenticatedHint = "Add ?code= to the address." };
        var dispatcher = Dispatcher(page);

        var missing = await Send(dispatcher, Request("GET", "e"));
        var wrong = await Send(dispatcher, Request("GET", "e", new(StringComparer.OrdinalIgnoreCase) { ["x-functions-key"] = "not-a-key" }));
        var plain = await Send(Dispatcher(Echo(AuthPolicy.Operator)), Request("GET", "e"));

        Assert.Multiple(() =>
        {
            Assert.That((missing.StatusCode, wrong.StatusCode, plain.StatusCode), Is.EqualTo((401, 403, 401)));
            Assert.That(Json(missing).GetProperty("detail").GetString(), Does.EndWith(" Add ?code= to the address.").And.StartWith("An operator key"));
            Assert.That(Json(wrong).GetProperty("detail").GetString(), Does.Not.Contain("Add ?code="));
            Assert.That(Json(plain).GetProperty("detail").GetString(), Does.Not.Contain("Add ?code="));
        });
    }

    [Test]
    public async Task Domain_errors_map_to_their_status_codes()
    {
        Assert.That((await Send(Dispatcher(Throwing(new NotFoundException("x"))), Request("POST", "t"))).StatusCode, Is.EqualTo(404));
        Assert.That((await Send(Dispatcher(Throwing(new ConflictException("x"))), Request("POST", "t"))).StatusCode, Is.EqualTo(409));
        Assert.That((await Send(Dispatcher(Throwing(new UpstreamException("x", timedOut: false))), Request("POST", "t"))).StatusCode, Is.EqualTo(502));
        Assert.That((await Send(Dispatcher(Throwing(new UpstreamException("x", timedOut: true))), Request("POST", "t"))).StatusCode, Is.EqualTo(504));
        var unavailable = await Send(Dispatcher(Throwing(new UnavailableException("db down", TimeSpan.FromSeconds(2.5)))), Request("POST", "t"));
        Assert.That(unavailable.StatusCode, Is.EqualTo(503));
        Assert.That(unavailable.Headers["Retry-After"], Is.EqualTo("3"));
    }

    [Test]
    public async Task An_unexpected_failure_is_a_500_that_does_not_leak_the_exception()
    {
        var response = await Send(Dispatcher(Throwing(new InvalidOperationException("secret connection string"))), Request("POST", "t"));

        Assert.That(response.StatusCode, Is.EqualTo(500));
        Assert.That(Encoding.UTF8.GetString(response.Body.Span), Does.Not.Contain("secret"));
    }

    [Test]
    public async Task A_body_over_one_mebibyte_is_413_before_the_handler_runs()
    {
        var response = await Send(Dispatcher(Throwing(new InvalidOperationException("handler ran"))), Request("POST", "t", body: new byte[ApiLimits.MaxBodyBytes + 1]));

        Assert.That(response.StatusCode, Is.EqualTo(413));
    }

    [Test]
    public async Task Api_keys_missing_is_401_and_wrong_or_other_purpose_is_403()
    {
        var dispatcher = Dispatcher(Echo(AuthPolicy.ErrorLogsRead));
        Dictionary<string, string> Key(string key) => new(StringComparer.OrdinalIgnoreCase) { ["x-api-key"] = key };

        Assert.That((await Send(dispatcher, Request("GET", "e"))).StatusCode, Is.EqualTo(401));
        Assert.That((await Send(dispatcher, Request("GET", "e", Key("write-key")))).StatusCode, Is.EqualTo(403));
        Assert.That((await Send(dispatcher, Request("GET", "e", Key("nonsense")))).StatusCode, Is.EqualTo(403));
        Assert.That((await Send(dispatcher, Request("GET", "e", Key("read-key")))).StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Bearer_tokens_carry_the_identity_bound_to_them()
    {
        var dispatcher = Dispatcher(Echo(AuthPolicy.OrdersBearer));
        Dictionary<string, string> Auth(string value) => new(StringComparer.OrdinalIgnoreCase) { ["Authorization"] = value };

        var ok = await Send(dispatcher, Request("GET", "e", Auth("Bearer tok-2")));
        var missing = await Send(dispatcher, Request("GET", "e"));

        Assert.That(Encoding.UTF8.GetString(ok.Body.Span), Is.EqualTo("bob@example.com"));
        Assert.That(missing.StatusCode, Is.EqualTo(401));
        Assert.That(missing.Headers["WWW-Authenticate"], Is.EqualTo("Bearer"));
        Assert.That((await Send(dispatcher, Request("GET", "e", Auth("Basic tok-1")))).StatusCode, Is.EqualTo(401));
        Assert.That((await Send(dispatcher, Request("GET", "e", Auth("Bearer tok-3")))).StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task An_unconfigured_key_lets_nobody_in()
    {
        var dispatcher = new ApiDispatcher(new RouteTable([Echo(AuthPolicy.ErrorLogsWrite)]),
            new ApiAuthenticator(new AccessOptions()), NullLogger<ApiDispatcher>.Instance);

        var response = await Send(dispatcher, Request("GET", "e", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["x-api-key"] = "anything" }));

        Assert.That(response.StatusCode, Is.EqualTo(403));
    }

    [TestCase("just-a-token")]
    [TestCase("=nobody")]
    [TestCase("tok-1=")]
    public void Malformed_token_configuration_stops_the_host_at_start(string tokens) =>
        Assert.That(BoundOptions.Refusal(("Orders:Tokens", tokens)), Does.Contain("Orders:Tokens must look like 'token=identity;token2=identity2'"));
}
