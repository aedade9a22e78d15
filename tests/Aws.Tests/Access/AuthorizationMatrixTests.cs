using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Aws.Runtime;
using Portable.Aws.Tests.Events;
using Portable.Aws.Tests.Handlers;
using Portable.Core.Http;
using Portable.Tests.Support;

namespace Portable.Aws.Tests.Access;

/// <summary>
/// The authorization matrix through the api function's API Gateway events: every route, every caller, the exact status;
/// and every route's answer named as on the embedded host (camelCase; the error-log routes snake_case).
/// </summary>
public sealed class AuthorizationMatrixTests
{
    public const string LabKey = "lambda-lab-key";
    public const string OperatorKey = "lambda-operator-key-01";

    private static readonly MatrixCredentials Credentials = new(
        TestHost.AliceToken, TestHost.BobToken, LabKey, OperatorKey, TestHost.WriteKey, TestHost.ReadKey);

    private TestHost _host = null!;

    [OneTimeSetUp]
    public void Start() => _host = TestHost.Create(settings: new Dictionary<string, string?>
    {
        ["Quality:LabKey"] = LabKey,
        ["Management:Keys"] = OperatorKey,
        ["Management:LinkSecret"] = "lambda-link-secret-0001",
    });

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

    [Test]
    public void Every_route_of_the_route_table_has_its_row()
    {
        var rows = AuthorizationMatrix.Routes(MatrixHost.Lambda).Select(row => row.Route).Distinct();

        Assert.That(rows, Is.EquivalentTo(_host.Services.GetRequiredService<RouteTable>().Routes.Select(route => route.Name)));
    }

    [Test]
    public async Task Every_caller_gets_the_exact_status_on_every_route()
    {
        var mismatches = await AuthorizationMatrix.RunAsync(AuthorizationMatrix.Routes(MatrixHost.Lambda), Credentials, SendAsync);

        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public async Task Every_route_answers_in_camelCase_and_the_error_log_routes_in_snake_case()
    {
        var offenders = await AnswerNaming.RunAsync(AuthorizationMatrix.Routes(MatrixHost.Lambda), Credentials, SendAsync);

        Assert.That(offenders, Is.Empty);
    }

    private async Task<(int Status, string Body)> SendAsync(string method, string path, string? body, IReadOnlyDictionary<string, string> headers)
    {
        var answer = await _host.InvokeAsync(HandlerNames.Api, ApiEvents.V2(method, "/" + path, headers, body));
        return (answer.GetProperty("statusCode").GetInt32(), answer.TryGetProperty("body", out var text) ? text.GetString() ?? "" : "");
    }
}
