using Portable.Adapters.Aws.Runtime;
using Portable.Aws.Tests.Events;
using Portable.Aws.Tests.Handlers;
using Portable.Tests.Support;

namespace Portable.Aws.Tests.Access;

/// <summary>The api function answers every route in camelCase (error logs in seed 001's snake_case), as the embedded host does.</summary>
public sealed class AnswerNamingTests
{
    private static readonly MatrixCredentials Credentials = new(
        TestHost.AliceToken, TestHost.BobToken, AuthorizationMatrixTests.LabKey, AuthorizationMatrixTests.OperatorKey, TestHost.WriteKey, TestHost.ReadKey);

    private TestHost _host = null!;

    [OneTimeSetUp]
    public void Start() => _host = TestHost.Create(settings: new Dictionary<string, string?>
    {
        ["Quality:LabKey"] = AuthorizationMatrixTests.LabKey,
        ["Management:Keys"] = AuthorizationMatrixTests.OperatorKey,
        ["Management:LinkSecret"] = "lambda-link-secret-0001",
    });

    [OneTimeTearDown]
    public async Task Stop() => await _host.DisposeAsync();

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
