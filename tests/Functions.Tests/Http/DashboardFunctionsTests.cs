using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Http;
using Portable.Core.Orders;
using Portable.Functions.Http;
using Portable.Functions.Tests.Doubles;
using Portable.Tests.Support;

namespace Portable.Functions.Tests.Http;

/// <summary>
/// The dashboard on the Functions app, through its functions with the worker's request and response types as doubles:
/// the page below the route prefix, its files to anyone, its data to the operator key only.
/// </summary>
public sealed partial class DashboardFunctionsTests
{
    private static readonly string[] Assets = ["app.js", "app.css", "charts.js", "common.js", "instance.js", "timeline.js"];

    private static readonly KeyValuePair<string, string> OperatorHeader = new("x-functions-key", TestHost.OperatorKey);

    private static readonly MatrixCredentials Credentials = new("dev-token", "other-token", TestHost.LabKey, TestHost.OperatorKey, "write-key", "read-key");

    private TestHost _host = null!;
    private DashboardFunctions _dashboard = null!;
    private ApiFunction _api = null!;

    [SetUp]
    public void SetUp()
    {
        _host = new TestHost();
        var dispatcher = _host.Services.GetRequiredService<ApiDispatcher>();
        _dashboard = new DashboardFunctions(dispatcher);
        _api = new ApiFunction(dispatcher);
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    [Test]
    public async Task The_page_opened_with_the_key_carries_the_api_prefix_the_dashboard_base_and_durables_management_path()
    {
        var page = await PageAsync(query: "?code=" + TestHost.OperatorKey);
        var html = page.ReadBody();

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Header("Content-Type"), Does.StartWith("text/html"));
            Assert.That(page.Header("Content-Security-Policy"), Does.Contain("script-src 'self'"));
            Assert.That(html, Does.Contain("data-api-base=\"/api\""));
            Assert.That(html, Does.Contain("data-dashboard-base=\"/api/dashboard\""));
            Assert.That(html, Does.Contain("data-management-base=\"/runtime/webhooks/durabletask\""));
            Assert.That(html, Does.Contain("src=\"/api/dashboard/app.js\"").And.Contain("href=\"/api/dashboard/app.css\""));
            Assert.That(AbsoluteDashboardPath().IsMatch(html), Is.False, "no link of the page leaves out the route prefix");
            Assert.That(html, Does.Not.Contain("{{"), "every placeholder is filled");
            Assert.That(html, Does.Not.Contain("API reference"), "the app serves no API reference page to link to");
        });
    }

    [Test]
    public async Task An_instance_page_is_the_same_page_behind_the_same_key()
    {
        var page = await SendAsync(_dashboard.InstancePageAsync, "GET", "dashboard/instances/ORD0000001", new() { ["id"] = "ORD0000001" }, headers: [OperatorHeader]);
        var refused = await SendAsync(_dashboard.InstancePageAsync, "GET", "dashboard/instances/ORD0000001", new() { ["id"] = "ORD0000001" });

        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.ReadBody(), Does.Contain("data-dashboard-base=\"/api/dashboard\""));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        });
    }

    [Test]
    public async Task Without_the_key_or_with_another_the_page_is_refused_and_shows_nothing()
    {
        var none = await PageAsync();
        var wrong = await PageAsync(query: "?code=not-the-operator-key");
        var customer = await PageAsync(headers: [new("Authorization", "Bearer dev-token")]);

        Assert.Multiple(() =>
        {
            Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(customer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            foreach (var refused in new[] { none, wrong, customer })
            {
                Assert.That(refused.Header("Content-Type"), Does.StartWith("application/problem+json"));
                Assert.That(refused.ReadBody(), Does.Not.Contain("<html"));
            }
        });
    }

    [Test]
    public async Task Every_script_and_style_is_served_to_anyone_with_its_content_type()
    {
        foreach (var asset in Assets)
        {
            var response = await AssetAsync(asset);
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), asset);
                Assert.That(response.Header("Content-Type"), Does.StartWith(asset.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript"), asset);
                Assert.That(response.Header("X-Content-Type-Options"), Is.EqualTo("nosniff"), asset);
                Assert.That(response.ReadBody(), Is.Not.Empty, asset);
            });
        }
    }

    [Test]
    public async Task The_public_file_route_serves_only_the_dashboards_files_even_to_the_operator()
    {
        var unknown = await AssetAsync("index.html");
        var data = await AssetAsync("api", headers: [OperatorHeader]);

        Assert.Multiple(() =>
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(data.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task No_script_or_page_calls_the_dashboard_at_the_root_so_the_route_prefix_holds_everywhere()
    {
        var page = (await PageAsync(headers: [OperatorHeader])).ReadBody();
        var scripts = new List<(string Name, string Text)> { ("index.html", page) };
        foreach (var asset in Assets)
        {
            scripts.Add((asset, (await AssetAsync(asset)).ReadBody()));
        }

        Assert.Multiple(() =>
        {
            foreach (var (name, text) in scripts)
            {
                Assert.That(AbsoluteDashboardPath().IsMatch(WithoutComments(text)), Is.False, $"{name} names /dashboard/... outside a comment");
            }

            Assert.That(scripts.Single(script => script.Name == "app.js").Text, Does.Contain("${dashboardBase}/api/orders").And.Contain("${dashboardBase}/api/charts"));
            Assert.That(scripts.Single(script => script.Name == "common.js").Text, Does.Contain("document.body.dataset.dashboardBase"));
        });
    }

    [Test]
    public async Task The_data_routes_answer_the_operator_key_with_the_apps_data_through_durables_client()
    {
        var placed = await _api.RunAsync(ApiRequest("POST", "order", """{"Item":"book","Amount":12}""", [new("Authorization", "Bearer dev-token")]), _host.Durable, FunctionContextOf("order"));
        var orderId = JsonDocument.Parse(((FakeHttpResponseData)placed).ReadBody()).RootElement.GetProperty("orderId").GetString()!;

        var instances = await DataAsync("GET", "instances", headers: [OperatorHeader]);
        var charts = await DataAsync("GET", "charts", query: "?minutes=60", headers: [OperatorHeader]);
        var orders = await DataAsync("GET", "orders", headers: [OperatorHeader]);
        var logs = await DataAsync("GET", "logs", headers: [OperatorHeader]);
        var listed = JsonDocument.Parse(instances.ReadBody()).RootElement.EnumerateArray().Select(instance => instance.GetProperty("instanceId").GetString()).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(instances.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(listed, Does.Contain(orderId), "the instance list is read through the trigger's durable client");
            Assert.That(charts.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(JsonDocument.Parse(charts.ReadBody()).RootElement.GetProperty("workflows").EnumerateArray().Sum(minute => minute.GetProperty("started").GetInt32()), Is.EqualTo(1), "the order's workflow is counted as started");
            Assert.That(orders.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(logs.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task The_data_routes_refuse_no_key_a_wrong_key_and_a_customer_and_answer_no_data()
    {
        _host.Durable.Add("ORD0000001", OrderWorkflow.Name, OrchestrationRuntimeStatus.Running);
        foreach (var path in new[] { "instances", "orders", "logs", "charts" })
        {
            var none = await DataAsync("GET", path);
            var wrong = await DataAsync("GET", path, headers: [new("x-functions-key", "not-the-operator-key")]);
            var customer = await DataAsync("GET", path, headers: [new("Authorization", "Bearer dev-token")]);
            Assert.Multiple(() =>
            {
                Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
                Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
                Assert.That(customer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), path);
                foreach (var refused in new[] { none, wrong, customer })
                {
                    Assert.That(refused.ReadBody(), Does.Not.Contain("ORD0000001"), path);
                }
            });
        }
    }

    [Test]
    public async Task An_order_is_cancelled_from_the_page_through_durables_client_with_the_key_and_never_from_another_site()
    {
        var placed = await _api.RunAsync(ApiRequest("POST", "order", """{"Item":"book","Amount":12}""", [new("Authorization", "Bearer dev-token")]), _host.Durable, FunctionContextOf("order"));
        var orderId = JsonDocument.Parse(((FakeHttpResponseData)placed).ReadBody()).RootElement.GetProperty("orderId").GetString()!;

        var crossSite = await DataAsync("POST", $"orders/{orderId}/cancel", headers: [OperatorHeader, new("Sec-Fetch-Site", "cross-site")]);
        var unkeyed = await DataAsync("POST", $"orders/{orderId}/cancel");
        Assert.That(_host.Durable.Raised, Is.Empty);
        var cancelled = await DataAsync("POST", $"orders/{orderId}/cancel", headers: [OperatorHeader, new("Sec-Fetch-Site", "same-origin")]);

        Assert.Multiple(() =>
        {
            Assert.That(crossSite.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(unkeyed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(_host.Durable.Raised.Single().InstanceId, Is.EqualTo(orderId));
            Assert.That(_host.Durable.Raised.Single().EventName, Is.EqualTo(OrderEvents.Cancel));
        });
    }

    [Test]
    public async Task With_the_dashboard_switched_off_its_functions_serve_nothing()
    {
        using var host = new TestHost(new Dictionary<string, string?> { ["Dashboard:Enabled"] = "false" });
        var dashboard = new DashboardFunctions(host.Services.GetRequiredService<ApiDispatcher>());
        var context = new FakeFunctionContext(host.Services.CreateScope().ServiceProvider, new Dictionary<string, object?> { ["asset"] = "app.js" });
        var asset = (FakeHttpResponseData)await dashboard.AssetAsync(new FakeHttpRequestData(context, "GET", new Uri("http://localhost:7071/api/dashboard/app.js")), context);
        var pageContext = new FakeFunctionContext(host.Services.CreateScope().ServiceProvider);
        var page = (FakeHttpResponseData)await dashboard.PageAsync(
            new FakeHttpRequestData(pageContext, "GET", new Uri("http://localhost:7071/api/dashboard"), null, [OperatorHeader]), host.Durable, pageContext);

        Assert.Multiple(() =>
        {
            Assert.That(asset.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    /// <summary>
    /// The authorization matrix's dashboard rows: every caller, the exact status Core gives behind the trigger. On Azure
    /// the Functions host's own check comes first (admin level: only the master key, which is also the operator key,
    /// reaches the page and data functions); it does not run here.
    /// </summary>
    [Test]
    public async Task Every_caller_gets_the_exact_status_on_every_dashboard_route_of_the_functions_app()
    {
        var mismatches = await AuthorizationMatrix.RunAsync(AuthorizationMatrix.Dashboard, Credentials, SendAsMatrixAsync);

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Every_dashboard_route_of_the_route_table_has_its_row()
    {
        var dashboardRoutes = _host.Services.GetRequiredService<RouteTable>().Routes.Where(route => route.Template.StartsWith("dashboard", StringComparison.Ordinal)).Select(route => route.Name);

        Assert.That(AuthorizationMatrix.Dashboard.Select(row => row.Route).Distinct(), Is.EquivalentTo(dashboardRoutes));
    }

    /// <summary>A path to the dashboard that starts at the root (<c>"/dashboard</c>, <c>`/dashboard</c>, a regex's <c>\/dashboard</c>).</summary>
    [GeneratedRegex("""(["'`(=]|\\)/dashboard\b""")]
    private static partial Regex AbsoluteDashboardPath();

    [GeneratedRegex(@"(^|\s)//[^\n]*|/\*.*?\*/|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comments();

    private static string WithoutComments(string text) => Comments().Replace(text, "");

    private Task<FakeHttpResponseData> PageAsync(string query = "", KeyValuePair<string, string>[]? headers = null) =>
        SendAsync(_dashboard.PageAsync, "GET", "dashboard", [], query: query, headers: headers);

    private Task<FakeHttpResponseData> DataAsync(string method, string path, string query = "", KeyValuePair<string, string>[]? headers = null) =>
        SendAsync(_dashboard.DataAsync, method, "dashboard/api/" + path, new() { [HttpExchange.PathBindingName] = path }, query: query, headers: headers);

    private async Task<FakeHttpResponseData> AssetAsync(string asset, KeyValuePair<string, string>[]? headers = null)
    {
        var request = Request("GET", "dashboard/" + asset, new() { ["asset"] = asset }, "", headers);
        return (FakeHttpResponseData)await _dashboard.AssetAsync(request, request.FunctionContext);
    }

    private async Task<FakeHttpResponseData> SendAsync(
        Func<Microsoft.Azure.Functions.Worker.Http.HttpRequestData, DurableTaskClient, Microsoft.Azure.Functions.Worker.FunctionContext, Task<Microsoft.Azure.Functions.Worker.Http.HttpResponseData>> function,
        string method, string path, Dictionary<string, object?> routeValues, string query = "", KeyValuePair<string, string>[]? headers = null)
    {
        var request = Request(method, path, routeValues, query, headers);
        return (FakeHttpResponseData)await function(request, _host.Durable, request.FunctionContext);
    }

    private FakeHttpRequestData Request(string method, string path, Dictionary<string, object?> routeValues, string query, KeyValuePair<string, string>[]? headers) =>
        new(new FakeFunctionContext(_host.Services.CreateScope().ServiceProvider, routeValues), method, new Uri($"http://localhost:7071/api/{path}{query}"), null, headers);

    private FakeHttpRequestData ApiRequest(string method, string path, string body, KeyValuePair<string, string>[] headers)
    {
        var context = FunctionContextOf(path);
        return new FakeHttpRequestData(context, method, new Uri($"http://localhost:7071/api/{path}"), Encoding.UTF8.GetBytes(body), headers);
    }

    private FakeFunctionContext FunctionContextOf(string path) =>
        new(_host.Services.CreateScope().ServiceProvider, new Dictionary<string, object?> { [HttpExchange.PathBindingName] = path });

    /// <summary>Each path to the function the Functions host would route it to (see the metadata tests), below <c>/api</c>.</summary>
    private async Task<(int Status, string Body)> SendAsMatrixAsync(string method, string path, string? body, IReadOnlyDictionary<string, string> headers)
    {
        var segments = path.TrimEnd('/').Split('/');
        var (binding, invoke) = segments switch
        {
            ["api", .. var rest] => (new Dictionary<string, object?> { [HttpExchange.PathBindingName] = string.Join('/', rest) }, (Invoke)Api),
            ["dashboard"] => (new Dictionary<string, object?>(), (Invoke)_dashboard.PageAsync),
            ["dashboard", "instances", var id] => (new Dictionary<string, object?> { ["id"] = id }, (Invoke)_dashboard.InstancePageAsync),
            ["dashboard", "api", .. var rest] => (new Dictionary<string, object?> { [HttpExchange.PathBindingName] = string.Join('/', rest) }, (Invoke)_dashboard.DataAsync),
            ["dashboard", var asset] => (new Dictionary<string, object?> { ["asset"] = asset }, (Invoke)((request, _, context) => _dashboard.AssetAsync(request, context))),
            _ => throw new ArgumentException($"No function of the app serves '{path}'.", nameof(path)),
        };
        var apiPath = segments[0] == "api" ? path : "api/" + path;
        var context = new FakeFunctionContext(_host.Services.CreateScope().ServiceProvider, binding);
        var request = new FakeHttpRequestData(context, method, new Uri("http://localhost:7071/" + apiPath), body is null ? null : Encoding.UTF8.GetBytes(body), headers);
        var response = (FakeHttpResponseData)await invoke(request, _host.Durable, context);
        return ((int)response.StatusCode, response.ReadBody());
    }

    private Task<Microsoft.Azure.Functions.Worker.Http.HttpResponseData> Api(
        Microsoft.Azure.Functions.Worker.Http.HttpRequestData request, Microsoft.DurableTask.Client.DurableTaskClient client, Microsoft.Azure.Functions.Worker.FunctionContext context) =>
        _api.RunAsync(request, client, context);

    private delegate Task<Microsoft.Azure.Functions.Worker.Http.HttpResponseData> Invoke(
        Microsoft.Azure.Functions.Worker.Http.HttpRequestData request, Microsoft.DurableTask.Client.DurableTaskClient client, Microsoft.Azure.Functions.Worker.FunctionContext context);
}
