using Microsoft.Extensions.Configuration;

namespace Portable.Core.Http;

/// <summary>The API keys of the error-log service and the bearer tokens of the order service.</summary>
public sealed record AccessOptions(string? ErrorLogsWriteKey, string? ErrorLogsReadKey, IReadOnlyDictionary<string, string> OrderTokens)
{
    /// <summary>Reads <c>ErrorLogs:WriteKey</c>, <c>ErrorLogs:ReadKey</c> and <c>Orders:Tokens</c> (<c>token=identity;token2=identity2</c>).</summary>
    public static AccessOptions FromConfiguration(IConfiguration configuration) =>
        new(
            NullIfBlank(configuration["ErrorLogs:WriteKey"]),
            NullIfBlank(configuration["ErrorLogs:ReadKey"]),
            ParseTokens(configuration["Orders:Tokens"]));

    public static IReadOnlyDictionary<string, string> ParseTokens(string? value)
    {
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0 || separator == pair.Length - 1)
            {
                throw new InvalidOperationException("Orders:Tokens must look like 'token=identity;token2=identity2'.");
            }

            tokens[pair[..separator].Trim()] = pair[(separator + 1)..].Trim();
        }

        return tokens;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
