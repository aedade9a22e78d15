using System.Text;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests.Access;

/// <summary>
/// The authorization matrix over HTTP against the real embedded host: every route, every caller, the exact status; and
/// every route's answer named by the API's rule (camelCase; the error-log routes snake_case).
/// </summary>
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

    [Test]
    public async Task A_management_start_cannot_stand_in_for_an_order_somebody_placed()
    {
        var (placed, body) = await SendAsync("POST", "api/order", """{"Item":"book","Amount":12}""", AuthorizationMatrix.Headers(Caller.Customer, Credentials));
        var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetString()!;
        string Input(string orderId) => $$"""
            {"OrderId":"{{orderId}}","Item":"forged","Amount":5,"Description":null,"OrderedBy":"mallory@example.com",
             "CreatedAt":"2026-11-23T08:00:00Z","DeliveryDelay":"00:00:01","PaymentMaxAttempts":1,"PaymentFirstRetryInterval":"00:00:01"}
            """;
        var operatorKey = AuthorizationMatrix.Headers(Caller.Operator, Credentials);

        var (over, overProblem) = await SendAsync("POST", $"runtime/webhooks/durabletask/orchestrators/OrderLifecycle/{id}", Input(id), operatorKey);
        var (elsewhere, _) = await SendAsync("POST", "runtime/webhooks/durabletask/orchestrators/OrderLifecycle/ORD9999996", Input(id), operatorKey);
        var (read, order) = await SendAsync("GET", $"api/order/{id}", null, AuthorizationMatrix.Headers(Caller.Customer, Credentials));

        Assert.That(placed, Is.EqualTo(202));
        Assert.That(over, Is.EqualTo(409), overProblem);
        Assert.That(elsewhere, Is.EqualTo(400), "an order workflow runs under its own order's id");
        Assert.That(read, Is.EqualTo(200));
        Assert.That(order, Does.Contain("alice@example.com").And.Contain("\"item\":\"book\""), "the placed order stands");
    }

    [Test]
    public async Task Every_route_answers_in_camelCase_and_the_error_log_routes_in_snake_case()
    {
        // Beyond the matrix's rows, the answers that carry an order's workflow: its instance with input and output.
        var operatorOnly = AuthorizationMatrix.Callers.ToDictionary(caller => caller, caller => caller == Caller.Operator ? 200 : 0);
        var rows = AuthorizationMatrix.Routes(MatrixHost.Embedded)
            .Append(new MatrixRow("GetInstanceStatus", "GET", "runtime/webhooks/durabletask/instances/{order}?showInput=true", null, operatorOnly))
            .Append(new MatrixRow("ListInstances", "GET", "runtime/webhooks/durabletask/instances?instanceIdPrefix=ORD&showInput=true", null, operatorOnly));

        var offenders = await AnswerNaming.RunAsync(rows, Credentials, SendAsync);

        Assert.That(offenders, Is.Empty);
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
