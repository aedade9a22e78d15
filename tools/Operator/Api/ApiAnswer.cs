using System.Text.Json;

namespace Portable.Operator.Api;

/// <summary>A host's answer: its status, its JSON body when it had one, and the headers the CLI reads.</summary>
public sealed record ApiAnswer(int Status, JsonElement? Body, string? ContinuationToken, string? Location)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>What a problem-details answer says (its detail, else its title), or the status alone.</summary>
    public string Problem()
    {
        if (Body is { ValueKind: JsonValueKind.Object } body)
        {
            var detail = JsonFields.String(body, "detail");
            var title = JsonFields.String(body, "title");
            if (!string.IsNullOrWhiteSpace(detail) || !string.IsNullOrWhiteSpace(title))
            {
                return $"{Status} {(string.IsNullOrWhiteSpace(detail) ? title : detail)}";
            }
        }

        return Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
