using System.Text;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests.Access;

/// <summary>The authorization matrix over HTTP against the real embedded host: every route, every caller, the exact status.</summary>
public sealed class AuthorizationMatrixTests
{
    private static readonly MatrixCredentials Credentials = new(
        LocalHostProcess.AliceToken, LocalHostProcess.BobToken, LocalHostProcess.LabKey, LocalHostProcess.OperatorKey,
        LocalHostProcess.WriteKey, LocalHostProcess.ReadKey);

    private LocalHostProcess _host = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await LocalHostProcess.StartAsync();
        _client = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public void Every_route_of_the_route_table_has_its_row()
    {
        var rows = AuthorizationMatrix.Routes(MatrixHost.Embedded).Select(row => row.Route);

        Assert.That(rows, Is.EquivalentTo(CoreRoutes.Table.Routes.Select(route => route.Name)));
    }

    [Test]
    public async Task Every_caller_gets_the_exact_status_on_every_route_and_dashboard_route()
    {
        var mismatches = await AuthorizationMatrix.RunAsync(
            AuthorizationMatrix.Routes(MatrixHost.Embedded).Concat(AuthorizationMatrix.Dashboard), Credentials, SendAsync);

        Assert.That(mismatches, Is.Empty);
    }

    private async Task<(int Status, string Body)> SendAsync(string method, string path, string? body, IReadOnlyDictionary<string, string> headers)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
