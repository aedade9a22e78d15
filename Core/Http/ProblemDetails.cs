using System.Text.Json.Serialization;

namespace Portable.Core.Http;

/// <summary>RFC 9457 problem details, with field errors for validation failures.</summary>
public sealed record ProblemDetails(
    string Type,
    string Title,
    int Status,
    string? Detail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static ProblemDetails For(int status, string title, string? detail = null) =>
        new(TypeFor(status), title, status, detail);

    public static ProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(TypeFor(400), "One or more fields are invalid.", 400,
            string.Join("; ", errors.Select(pair => $"{pair.Key}: {string.Join(", ", pair.Value)}")), errors);

    private static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        502 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.3",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        504 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.5",
        _ => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    };
}
