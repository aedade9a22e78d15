using System.Globalization;
using System.Text.Json;

namespace Portable.Tests.Support;

/// <summary>Who calls, in the authorization matrix.</summary>
public enum Caller
{
    None,
    Wrong,
    Customer,
    OtherCustomer,
    Lab,
    Operator,
    LogWriter,
    LogReader,
}

/// <summary>The hosts whose routes the matrix covers; their few differences are spelled out in the rows.</summary>
public enum MatrixHost
{
    Embedded,
    Lambda,
}

/// <summary>The credentials a host under test was configured with.</summary>
public sealed record MatrixCredentials(string CustomerToken, string OtherCustomerToken, string LabKey, string OperatorKey, string WriteKey, string ReadKey);

/// <summary>
/// One row: a route (by its route-table name), one request to it, and the exact status every caller
/// gets. In paths and bodies, <c>{order}</c> is an order the customer placed for this cell alone, <c>{unique}</c> an id
/// nobody used.
/// </summary>
public sealed record MatrixRow(string Route, string Method, string Path, string? Body, IReadOnlyDictionary<Caller, int> Expected);

/// <summary>
/// The authorization matrix: every route of the route table (and the dashboard's) against every kind of
/// caller, each cell an exact status. A route that the table serves and the matrix does not name fails the test that
/// runs it, so a new route cannot arrive without its row.
/// </summary>
public static class AuthorizationMatrix
{
    private const string Management = "runtime/webhooks/durabletask";

    private const string Sample = """
        {"sampleId":"{unique}","instrumentId":"UV-1","acquiredAt":"2026-11-23T08:00:00Z",
         "wavelengthsNm":[200,201,202,203,204,205,206,207,208,209,210],
         "absorbance":[0.12,0.13,0.13,0.14,0.15,0.15,0.16,0.16,0.17,0.17,0.18]}
        """;

    /// <summary>An order's input with a negative amount: a management start must refuse it as the order route would.</summary>
    private const string NegativeOrder = """
        {"OrderId":"ORD9999999","Item":"forged","Amount":-5,"Description":null,"OrderedBy":"mallory@example.com",
         "CreatedAt":"2026-11-23T08:00:00Z","DeliveryDelay":"00:00:01","PaymentMaxAttempts":1,"PaymentFirstRetryInterval":"00:00:01"}
        """;

    public static IReadOnlyList<Caller> Callers { get; } = Enum.GetValues<Caller>();

    public static IReadOnlyList<MatrixRow> Routes(MatrixHost host) =>
    [
        Row("PostErrorLogs", "POST", "api/logs", """{"device_id":"matrix-{unique}","error_number":1,"time_stamp":1700000000}""", KeyOnly(Caller.LogWriter, 201)),
        Row("GetErrorLogs", "GET", "api/logs", null, KeyOnly(Caller.LogReader, 200)),
        Row("PlaceOrder", "POST", "api/order", """{"Item":"book","Amount":12}""", Customers(202, 202, 202)),
        Row("GetOrder", "GET", "api/order/{order}", null, Customers(200, 404, 200)),
        Row("CancelOrder", "PUT", "api/cancel/{order}", null, Customers(202, 404, 202)),
        Row("GetObservations", "GET", "api/observations?startPeriod=2024-Q1", null, Everyone(host == MatrixHost.Embedded ? 200 : 503)),
        Row("GetMetadata", "GET", "api/metadata/runtime", null, Everyone(200)),
        Row("CheckSample", "POST", "api/qc/check", Sample, LabAndOperator(200, 200)),
        Row("SubmitSamples", "POST", "api/samples", Sample, LabAndOperator(202, 202)),
        Row("GetSample", "GET", "api/samples/{unique}", null, LabAndOperator(404, 404)),
        Row("ListFailedSamples", "GET", "api/qc/failures", null, LabAndOperator(200, 200)),
        Row("RetryNotification", "POST", "api/samples/{unique}/notify", null, LabAndOperator(403, 404)),
        Row("GetInstanceStatus", "GET", Management + "/instances/{unique}", null, OperatorOnly(404)),
        Row("ListInstances", "GET", Management + "/instances?top=5", null, OperatorOnly(200)),
        Row("RaiseInstanceEvent", "POST", Management + "/instances/{unique}/raiseEvent/Cancel", "{}", OperatorOnly(404)),
        Row("TerminateInstance", "POST", Management + "/instances/{unique}/terminate?reason=matrix", null, OperatorOnly(404)),
        Row("SuspendInstance", "POST", Management + "/instances/{unique}/suspend", null, OperatorOnly(404)),
        Row("ResumeInstance", "POST", Management + "/instances/{unique}/resume", null, OperatorOnly(404)),
        Row("RestartInstance", "POST", Management + "/instances/{unique}/restart", null, OperatorOnly(404)),
        Row("PurgeInstance", "DELETE", Management + "/instances/{unique}", null, OperatorOnly(404)),
        Row("PurgeInstances", "DELETE", Management + "/instances?createdTimeTo=2000-01-01T00:00:00Z", null, OperatorOnly(404)),
        Row("StartWorkflow", "POST", Management + "/orchestrators/OrderLifecycle", NegativeOrder, OperatorOnly(400)),
        Row("GetHome", "GET", "", null, Everyone(200)),
        Row("StartWorkflowWithId", "POST", Management + "/orchestrators/OrderLifecycle/ORD9999999", NegativeOrder, OperatorOnly(400)),
        .. host == MatrixHost.Lambda ? Dashboard : [],
    ];

    /// <summary>
    /// The dashboard, by its route-table names: its page and data behind an operator key; its scripts and styles public.
    /// The Lambda host's table holds it (its rows are among <see cref="Routes"/>); the embedded host's tests add it.
    /// </summary>
    public static IReadOnlyList<MatrixRow> Dashboard { get; } =
    [
        Row("DashboardPage", "GET", "dashboard/", null, OperatorOnly(200)),
        Row("DashboardInstancePage", "GET", "dashboard/instances/{unique}", null, OperatorOnly(200)),
        Row("DashboardAsset", "GET", "dashboard/app.js", null, Everyone(200)),
        Row("DashboardAsset", "GET", "dashboard/timeline.js", null, Everyone(200)),
        Row("DashboardInstances", "GET", "dashboard/api/instances", null, OperatorOnly(200)),
        Row("DashboardOrders", "GET", "dashboard/api/orders", null, OperatorOnly(200)),
        Row("DashboardCancelOrder", "POST", "dashboard/api/orders/{order}/cancel", null, OperatorOnly(202)),
        Row("DashboardLogs", "GET", "dashboard/api/logs", null, OperatorOnly(200)),
        Row("DashboardCharts", "GET", "dashboard/api/charts", null, OperatorOnly(200)),
    ];

    public static IReadOnlyDictionary<string, string> Headers(Caller caller, MatrixCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return caller switch
        {
            Caller.None => new Dictionary<string, string>(),
            Caller.Wrong => new Dictionary<string, string> { ["x-api-key"] = "wrong-key", ["x-functions-key"] = "wrong-operator-key", ["Authorization"] = "Bearer wrong-token" },
            Caller.Customer => new Dictionary<string, string> { ["Authorization"] = "Bearer " + credentials.CustomerToken },
            Caller.OtherCustomer => new Dictionary<string, string> { ["Authorization"] = "Bearer " + credentials.OtherCustomerToken },
            Caller.Lab => new Dictionary<string, string> { ["x-api-key"] = credentials.LabKey },
            Caller.Operator => new Dictionary<string, string> { ["x-functions-key"] = credentials.OperatorKey },
            Caller.LogWriter => new Dictionary<string, string> { ["x-api-key"] = credentials.WriteKey },
            Caller.LogReader => new Dictionary<string, string> { ["x-api-key"] = credentials.ReadKey },
            _ => throw new ArgumentOutOfRangeException(nameof(caller)),
        };
    }

    /// <summary>
    /// Sends every cell of <paramref name="rows"/> through <paramref name="send"/> and answers the cells whose status
    /// differs from the row's, one line each (empty when all hold).
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(
        IEnumerable<MatrixRow> rows, MatrixCredentials credentials,
        Func<string, string, string?, IReadOnlyDictionary<string, string>, Task<(int Status, string Body)>> send)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(send);
        var mismatches = new List<string>();
        foreach (var row in rows)
        {
            foreach (var caller in Callers)
            {
                var unique = "M" + Guid.NewGuid().ToString("N")[..12];
                var order = row.Path.Contains("{order}", StringComparison.Ordinal) ? await PlaceOrderAsync(credentials, send) : "";
                string Fill(string text) => text.Replace("{unique}", unique, StringComparison.Ordinal).Replace("{order}", order, StringComparison.Ordinal);
                var (status, body) = await send(row.Method, Fill(row.Path), row.Body is null ? null : Fill(row.Body), Headers(caller, credentials));
                if (status != row.Expected[caller])
                {
                    mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Route} ({row.Method} {row.Path}) as {caller}: {status}, expected {row.Expected[caller]}. {Truncate(body)}"));
                }
            }
        }

        return mismatches;
    }

    private static async Task<string> PlaceOrderAsync(
        MatrixCredentials credentials, Func<string, string, string?, IReadOnlyDictionary<string, string>, Task<(int Status, string Body)>> send)
    {
        var (status, body) = await send("POST", "api/order", """{"Item":"matrix","Amount":3}""", Headers(Caller.Customer, credentials));
        return status == 202
            ? JsonDocument.Parse(body).RootElement.GetProperty("orderId").GetString()!
            : throw new InvalidOperationException($"The customer's order for a matrix cell was not placed: {status} {body}");
    }

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "...";

    private static MatrixRow Row(string route, string method, string path, string? body, Dictionary<Caller, int> expected) =>
        new(route, method, path, body, expected);

    private static Dictionary<Caller, int> Everyone(int status) => Callers.ToDictionary(caller => caller, _ => status);

    /// <summary>A key route: its key passes, a missing credential is 401, anything else 403.</summary>
    private static Dictionary<Caller, int> KeyOnly(Caller holder, int status) =>
        Callers.ToDictionary(caller => caller, caller => caller == holder ? status : caller == Caller.None ? 401 : 403);

    private static Dictionary<Caller, int> OperatorOnly(int status) => KeyOnly(Caller.Operator, status);

    private static Dictionary<Caller, int> LabAndOperator(int lab, int @operator)
    {
        var expected = KeyOnly(Caller.Operator, @operator);
        expected[Caller.Lab] = lab;
        return expected;
    }

    private static Dictionary<Caller, int> Customers(int customer, int other, int @operator)
    {
        var expected = KeyOnly(Caller.Operator, @operator);
        expected[Caller.Customer] = customer;
        expected[Caller.OtherCustomer] = other;
        return expected;
    }
}
