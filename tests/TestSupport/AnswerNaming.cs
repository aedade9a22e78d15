using System.Globalization;
using System.Text.Json;

namespace Portable.Tests.Support;

/// <summary>
/// How the API names the properties of its answers: camelCase on every route, as ASP.NET Core and the Durable Functions
/// HTTP API answer, except the error-log routes, which keep seed 001's snake_case columns. Walks real answers (every
/// row of the authorization matrix, as a caller the row lets in) and names every property that breaks the rule.
/// </summary>
public static class AnswerNaming
{
    /// <summary>The routes that keep seed 001's snake_case names: the one documented exception.</summary>
    public static bool IsSnakeCaseRoute(string route) => route.Contains("ErrorLogs", StringComparison.Ordinal);

    /// <summary>
    /// The property names of <paramref name="json"/> (at any depth) that break the route's rule, each with its path.
    /// The Durable Functions history events keep the names Durable Functions gives them (<c>EventType</c>,
    /// <c>FunctionName</c>), so a <c>historyEvents</c> array is not walked.
    /// </summary>
    public static IReadOnlyList<string> Offenders(string route, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        // Pages, scripts and styles (the dashboard's) have no property names to read.
        if (json.Length == 0 || json[0] is not ('{' or '['))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        var offenders = new List<string>();
        Walk(document.RootElement, "$", IsSnakeCaseRoute(route), offenders);
        return offenders;
    }

    /// <summary>
    /// Sends every row of <paramref name="rows"/> once, as the first caller the row admits (a 2xx), and answers one line
    /// per property named against the rule (empty when every answer reads as one).
    /// </summary>
    public static async Task<IReadOnlyList<string>> RunAsync(
        IEnumerable<MatrixRow> rows, MatrixCredentials credentials,
        Func<string, string, string?, IReadOnlyDictionary<string, string>, Task<(int Status, string Body)>> send)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(send);
        var lines = new List<string>();
        string? order = null;
        foreach (var row in rows)
        {
            var caller = AuthorizationMatrix.Callers.FirstOrDefault(c => row.Expected[c] is >= 200 and < 300, Caller.Operator);
            if (row.Path.Contains("{order}", StringComparison.Ordinal) && order is null)
            {
                var (placed, accepted) = await send("POST", "api/order", """{"Item":"naming","Amount":3}""", AuthorizationMatrix.Headers(Caller.Customer, credentials));
                order = placed == 202
                    ? JsonDocument.Parse(accepted).RootElement.GetProperty("orderId").GetString()!
                    : throw new InvalidOperationException($"The order the naming walk reads was not placed: {placed} {accepted}");
            }

            var unique = "N" + Guid.NewGuid().ToString("N")[..12];
            string Fill(string text) => text.Replace("{unique}", unique, StringComparison.Ordinal).Replace("{order}", order, StringComparison.Ordinal);
            var (status, body) = await send(row.Method, Fill(row.Path), row.Body is null ? null : Fill(row.Body), AuthorizationMatrix.Headers(caller, credentials));
            if (status != row.Expected[caller])
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Route} as {caller}: {status}, expected {row.Expected[caller]}"));
                continue;
            }

            lines.AddRange(Offenders(row.Route, body).Select(offender => $"{row.Route} ({row.Method} {row.Path}) {status}: {offender}"));
        }

        return lines;
    }

    private static void Walk(JsonElement element, string path, bool snakeCase, List<string> offenders)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = path + "." + property.Name;
                    if (!Follows(property.Name, snakeCase) && !IsFieldKey(path))
                    {
                        offenders.Add(at);
                    }

                    if (property.Name != "historyEvents")
                    {
                        Walk(property.Value, at, snakeCase, offenders);
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", snakeCase, offenders);
                }

                break;
        }
    }

    /// <summary>The keys of a problem's <c>errors</c> name request fields and headers (<c>Idempotency-Key</c>), not properties of the answer.</summary>
    private static bool IsFieldKey(string parentPath) => parentPath.EndsWith(".errors", StringComparison.Ordinal);

    private static bool Follows(string name, bool snakeCase) =>
        name.Length > 0 && (snakeCase ? name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') : !char.IsUpper(name[0]));
}
