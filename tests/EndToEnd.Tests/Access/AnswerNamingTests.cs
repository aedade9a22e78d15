using System.Text;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests.Access;

/// <summary>
/// The embedded host answers every route in camelCase, as ASP.NET Core and the Durable Functions HTTP API do; the
/// error-log routes keep seed 001's snake_case names, the one exception.
/// </summary>
public sealed class AnswerNamingTests
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
