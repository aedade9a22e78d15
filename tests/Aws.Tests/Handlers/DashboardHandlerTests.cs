using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Aws.Runtime;
using Portable.Aws.Tests.Events;
using Portable.Core.Dashboard;
using Portable.Core.ErrorLogs;
using Portable.Core.Quality;
using Portable.Core.Workflows;

namespace Portable.Aws.Tests.Handlers;

/// <summary>The dashboard as the api function serves it through API Gateway's events: the embedded host's page, assets and data.</summary>
public sealed class DashboardHandlerTests
{
    private const string OperatorKey = "lambda-dashboard-key-01";

    private TestHost _host = null!;

    [OneTimeSetUp]
    public void Start() => _host = TestHost.WithOperatorKey(OperatorKey);

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    private static JsonElement Body(JsonElement response) =>
        JsonDocument.Parse(response.GetProperty("body").GetString()!).RootElement;

    private static int Status(JsonElement response) => response.GetProperty("statusCode").GetInt32();

    private static string Header(JsonElement response, string name) => response.GetProperty("headers").GetProperty(name).GetString()!;

    private Task<JsonElement> GetAsync(string path, IReadOnlyDictionary<string, string>? headers = null) =>
        _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", path, headers));

    [Test]
    public async Task The_page_opened_with_the_operator_key_is_the_dashboard_under_its_content_security_policy()
    {
        var page = await GetAsync("/dashboard?code=" + OperatorKey);
        var html = page.GetProperty("body").GetString()!;

        Assert.Multiple(() =>
        {
            Assert.That(Status(page), Is.EqualTo(200));
            Assert.That(Header(page, "Content-Type"), Is.EqualTo("text/html; charset=utf-8"));
            Assert.That(Header(page, "Content-Security-Policy"), Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'"));
            Assert.That(Header(page, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
            Assert.That(page.GetProperty("isBase64Encoded").GetBoolean(), Is.False);
            Assert.That(html, Does.Contain("Operations dashboard"));
            Assert.That(html, Does.Contain("data-api-base=\"/api\"").And.Contain("data-management-base=\"/runtime/webhooks/durabletask\""));
            Assert.That(html, Does.Not.Contain("{{"));
            Assert.That(html, Does.Not.Contain("API reference"), "Lambda serves no API reference page to link to");
        });
    }

    [TestCase("/dashboard/app.js", "text/javascript; charset=utf-8", "import")]
    [TestCase("/dashboard/timeline.js", "text/javascript; charset=utf-8", "svg")]
    [TestCase("/dashboard/app.css", "text/css; charset=utf-8", "{")]
    public async Task An_asset_is_served_to_anyone_with_its_content_type(string path, string contentType, string excerpt)
    {
        var asset = await GetAsync(path);

        Assert.Multiple(() =>
        {
            Assert.That(Status(asset), Is.EqualTo(200));
            Assert.That(Header(asset, "Content-Type"), Is.EqualTo(contentType));
            Assert.That(Header(asset, "X-Content-Type-Options"), Is.EqualTo("nosniff"));
            Assert.That(asset.GetProperty("body").GetString(), Does.Contain(excerpt));
        });
    }

    [Test]
    public async Task A_file_the_dashboard_does_not_have_is_a_404()
    {
        var missing = await GetAsync("/dashboard/secrets.json");

        Assert.That(Status(missing), Is.EqualTo(404));
        Assert.That(Header(missing, "Content-Type"), Does.StartWith("application/problem+json"));
    }

    [Test]
    public async Task A_placed_orders_instance_has_its_page_and_is_listed_with_its_status()
    {
        var placed = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2(
            "POST", "/api/order", new Dictionary<string, string> { ["Authorization"] = "Bearer " + TestHost.AliceToken }, """{"Item":"book","Amount":3}"""));
        var id = Body(placed).GetProperty("orderId").GetString()!;
        var operatorKey = new Dictionary<string, string> { ["x-functions-key"] = OperatorKey };

        var page = await GetAsync($"/dashboard/instances/{id}?code={OperatorKey}");
        var status = await GetAsync($"/runtime/webhooks/durabletask/instances/{id}?showHistory=true", operatorKey);
        var listed = await GetAsync("/dashboard/api/instances?name=OrderLifecycle", operatorKey);
        var orders = await GetAsync("/dashboard/api/orders", operatorKey);

        Assert.Multiple(() =>
        {
            Assert.That(Status(placed), Is.EqualTo(202));
            Assert.That(Status(page), Is.EqualTo(200));
            Assert.That(page.GetProperty("body").GetString(), Does.Contain("app.js"));
            Assert.That(Status(status), Is.EqualTo(202), "a running instance's status answers 202, as Durable Functions' does");
            Assert.That(Body(status).GetProperty("name").GetString(), Is.EqualTo("OrderLifecycle"));
            Assert.That(Status(listed), Is.EqualTo(200));
            Assert.That(Body(listed).EnumerateArray().Select(row => row.GetProperty("instanceId").GetString()), Does.Contain(id));
            // The order's row is written by its workflow's first activity, which no worker runs in this function.
            Assert.That(Status(orders), Is.EqualTo(200));
            Assert.That(Body(orders).GetProperty("counts").ValueKind, Is.EqualTo(JsonValueKind.Object));
        });
    }

    [Test]
    public async Task The_charts_are_read_from_the_functions_stores_and_a_bad_window_is_a_400_naming_it()
    {
        var operatorKey = new Dictionary<string, string> { ["x-functions-key"] = OperatorKey };
        var charts = await GetAsync("/dashboard/api/charts?minutes=30", operatorKey);
        var bad = await GetAsync("/dashboard/api/charts?minutes=9999", operatorKey);

        Assert.Multiple(() =>
        {
            Assert.That(Status(charts), Is.EqualTo(200));
            Assert.That(Header(charts, "Content-Type"), Does.StartWith("application/json"));
            Assert.That(Body(charts).EnumerateObject().Select(property => property.Name), Is.Not.Empty);
            Assert.That(Status(bad), Is.EqualTo(400));
            Assert.That(Body(bad).GetProperty("errors").TryGetProperty("minutes", out _), Is.True);
        });
    }

    [TestCase("/dashboard", true)]
    [TestCase("/dashboard/instances/ORD0000001", true)]
    [TestCase("/dashboard/api/instances", false)]
    [TestCase("/dashboard/api/charts", false)]
    public async Task A_page_opened_without_the_key_says_how_to_open_it_and_its_data_routes_do_not(string path, bool page)
    {
        var refused = await GetAsync(path);
        var detail = Body(refused).GetProperty("detail").GetString();

        Assert.That(Status(refused), Is.EqualTo(401));
        Assert.That(detail, page ? Does.Contain("/dashboard?code=<operator key>") : Does.Not.Contain("?code=<"));
    }

    [TestCase("/dashboard", null, 401)]
    [TestCase("/dashboard?code=not-the-key", null, 403)]
    [TestCase("/dashboard/instances/ORD0000001", null, 401)]
    [TestCase("/dashboard/api/instances", null, 401)]
    [TestCase("/dashboard/api/charts", "Bearer " + TestHost.AliceToken, 403)]
    public async Task Without_the_operator_key_the_page_and_its_data_are_refused(string path, string? authorization, int expected)
    {
        var refused = await GetAsync(path, authorization is null ? null : new Dictionary<string, string> { ["Authorization"] = authorization });

        Assert.That(Status(refused), Is.EqualTo(expected));
        Assert.That(refused.GetProperty("body").GetString(), Does.Not.Contain("Operations dashboard"));
    }

    [Test]
    public async Task What_the_dashboard_reads_is_built_on_its_first_request_not_at_init_nor_for_other_routes()
    {
        var built = 0;
        await using var host = TestHost.Create(
            services => services.AddSingleton(provider =>
            {
                Interlocked.Increment(ref built);
                return new OperationsCharts(provider.GetRequiredService<IWorkflowClient>(), provider.GetRequiredService<IQualityReadings>(),
                    provider.GetRequiredService<IErrorLogReadings>(), provider.GetRequiredService<TimeProvider>());
            }),
            new Dictionary<string, string?> { ["Management:Keys"] = OperatorKey });
        var operatorKey = new Dictionary<string, string> { ["x-functions-key"] = OperatorKey };

        var home = await host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/"));
        var asset = await host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/dashboard/app.js"));
        var beforeDashboard = built;
        var charts = await host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/dashboard/api/charts", operatorKey));
        var again = await host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("GET", "/dashboard/api/charts", operatorKey));

        Assert.Multiple(() =>
        {
            Assert.That((Status(home), Status(asset), Status(charts), Status(again)), Is.EqualTo((200, 200, 200, 200)));
            Assert.That(beforeDashboard, Is.Zero, "nothing of the dashboard's reads built by the init phase, GET / or a script");
            Assert.That(built, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_cancel_a_browser_marks_as_cross_site_is_refused_even_with_the_key()
    {
        var refused = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2("POST", "/dashboard/api/orders/ORD0000001/cancel",
            new Dictionary<string, string> { ["x-functions-key"] = OperatorKey, ["Sec-Fetch-Site"] = "cross-site" }));

        Assert.That(Status(refused), Is.EqualTo(403));
        Assert.That(Body(refused).GetProperty("detail").GetString(), Does.Contain("another site"));
    }
}
