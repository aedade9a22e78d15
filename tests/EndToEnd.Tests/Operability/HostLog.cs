using System.Text.Json;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>The host's JSON console output, one entry per line, with the properties of its message and of its scopes.</summary>
internal sealed record HostLog(string Level, string Category, string Message, JsonElement State, IReadOnlyList<JsonElement> Scopes)
{
    public static IReadOnlyList<HostLog> Parse(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .Select(entry => new HostLog(
                entry.GetProperty("LogLevel").GetString()!,
                entry.GetProperty("Category").GetString()!,
                entry.GetProperty("Message").GetString()!,
                entry.TryGetProperty("State", out var state) ? state : default,
                entry.TryGetProperty("Scopes", out var scopes) ? [.. scopes.EnumerateArray()] : []))];

    /// <summary>A property of the message or of any enclosing scope.</summary>
    public string? Property(string name)
    {
        if (State.ValueKind == JsonValueKind.Object && State.TryGetProperty(name, out var value))
        {
            return value.ToString();
        }

        foreach (var scope in Scopes)
        {
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var scoped))
            {
                return scoped.ToString();
            }
        }

        return null;
    }
}
