using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.RegularExpressions;

namespace Portable.Core.Http;

/// <summary>
/// What an API description of the route table says, decided once for every host: paths, parameters, the
/// answers each route can give (its own, plus the problem answers that the dispatcher adds), the security
/// scheme of each policy, and JSON Schemas exported from the very type metadata that writes the bodies.
/// </summary>
public static partial class ApiDocumentation
{
    public const string ErrorLogsWriteKey = "errorLogsWriteKey";
    public const string ErrorLogsReadKey = "errorLogsReadKey";
    public const string OrdersBearer = "ordersBearer";
    public const string LabKey = "labKey";
    public const string OperatorKey = "operatorKey";

    private static readonly JsonSchemaExporterOptions ExporterOptions = new() { TreatNullObliviousAsNonNullable = true };

    /// <summary>A short title from the operation's name: <c>PlaceOrder</c> reads "Place order".</summary>
    public static string TitleOf(ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var title = new System.Text.StringBuilder(route.Name.Length + 4);
        foreach (var c in route.Name)
        {
            if (char.IsUpper(c) && title.Length > 0)
            {
                title.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                title.Append(c);
            }
        }

        return title.ToString();
    }

    /// <summary>The path as clients call it: the prefix for prefixed routes, and a catch-all shown as a plain parameter.</summary>
    public static string PathOf(ApiRoute route, string prefix)
    {
        ArgumentNullException.ThrowIfNull(route);
        var root = route.Prefixed && prefix.Length > 0 ? "/" + prefix.Trim('/') + "/" : "/";
        return root + route.Template.Replace("{*", "{", StringComparison.Ordinal);
    }

    public static IReadOnlyList<string> PathParameters(ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return [.. Parameter().Matches(route.Template).Select(match => match.Groups["name"].Value)];
    }

    public static bool IsCatchAll(ApiRoute route, string parameter)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route.Template.Contains("{*" + parameter + "}", StringComparison.Ordinal);
    }

    /// <summary>The security scheme a policy requires, or null for anonymous routes.</summary>
    public static string? SchemeOf(AuthPolicy policy) => policy switch
    {
        AuthPolicy.ErrorLogsWrite => ErrorLogsWriteKey,
        AuthPolicy.ErrorLogsRead => ErrorLogsReadKey,
        AuthPolicy.OrdersBearer => OrdersBearer,
        AuthPolicy.Lab => LabKey,
        AuthPolicy.Operator or AuthPolicy.InstanceStatus => OperatorKey,
        _ => null,
    };

    /// <summary>The route's own answers, then those <see cref="ApiDispatcher"/> gives any route of its kind, by status.</summary>
    public static IReadOnlyList<ApiResponseDoc> ResponsesOf(ApiRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var responses = route.Responses.ToList();
        void Add(int status, string description)
        {
            if (!responses.Exists(response => response.Status == status))
            {
                responses.Add(new ApiResponseDoc(status, description));
            }
        }

        if (route.Request is not null || route.Query.Count > 0)
        {
            Add(400, "A field is invalid; the problem names it.");
        }

        if (route.Policy != AuthPolicy.Anonymous)
        {
            Add(401, "The credential is missing.");
            Add(403, "The credential is not valid for this operation.");
        }

        if (route.HasBody)
        {
            Add(413, $"The body exceeds {ApiLimits.MaxBodyBytes} bytes.");
        }

        Add(500, "An unexpected error; the problem carries the trace id.");
        return [.. responses.OrderBy(response => response.Status)];
    }

    /// <summary>The JSON Schema of a body: exported from its type, parsed from its schema text, or any value.</summary>
    public static JsonNode SchemaOf(ApiBodyDoc body)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonNode one = body.Type is not null
            ? body.Type.GetJsonSchemaAsNode(ExporterOptions)
            : body.Schema is not null ? JsonNode.Parse(body.Schema)! : new JsonObject();
        if (!body.OneOrMany)
        {
            return one;
        }

        return new JsonObject
        {
            ["oneOf"] = new JsonArray(one, new JsonObject { ["type"] = "array", ["items"] = one.DeepClone() }),
        };
    }

    /// <summary>The schema of every error answer.</summary>
    public static JsonNode ProblemSchema() => HttpJsonContext.Default.ProblemDetails.GetJsonSchemaAsNode(ExporterOptions);

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Parameter();
}
