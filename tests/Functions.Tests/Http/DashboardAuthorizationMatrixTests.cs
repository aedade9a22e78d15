using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Http;
using Portable.Functions.Http;
using Portable.Functions.Tests.Doubles;
using Portable.Tests.Support;

namespace Portable.Functions.Tests.Http;

/// <summary>
/// The authorization matrix's dashboard rows through the Functions app's dashboard functions: every caller, the exact
/// status Core gives behind the trigger. On Azure the Functions host's own check comes first (admin level: only the
/// master key, which is also the operator key, reaches the page and data functions); it does not run here.
/// </summary>
public sealed class DashboardAuthorizationMatrixTests
{
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
    public async Task Every_caller_gets_the_exact_status_on_every_dashboard_route_of_the_functions_app()
    {
        var mismatches = await AuthorizationMatrix.RunAsync(AuthorizationMatrix.Dashboard, Credentials, SendAsync);

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Every_dashboard_route_of_the_route_table_has_its_row()
    {
        var dashboardRoutes = _host.Services.GetRequiredService<RouteTable>().Routes.Where(route => route.Template.StartsWith("dashboard", StringComparison.Ordinal)).Select(route => route.Name);

        Assert.That(AuthorizationMatrix.Dashboard.Select(row => row.Route).Distinct(), Is.EquivalentTo(dashboardRoutes));
    }

    /// <summary>Each path to the function the Functions host would route it to (see the metadata tests), below <c>/api</c>.</summary>
    private async Task<(int Status, string Body)> SendAsync(string method, string path, string? body, IReadOnlyDictionary<string, string> headers)
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
