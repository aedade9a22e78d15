using Microsoft.Extensions.Configuration;
using Portable.Core.Settings;

namespace Portable.Core.Http;

/// <summary>The API keys of the error-log service and the bearer tokens of the order service.</summary>
public sealed record AccessOptions : IValidatedOptions
{
    /// <summary><c>ErrorLogs:WriteKey</c>; unset, every write is refused.</summary>
    [ConfigurationKeyName("ErrorLogs:WriteKey")]
    public string? ErrorLogsWriteKey { get; set; }

    /// <summary><c>ErrorLogs:ReadKey</c>; unset, every read is refused.</summary>
    [ConfigurationKeyName("ErrorLogs:ReadKey")]
    public string? ErrorLogsReadKey { get; set; }

    /// <summary><c>Orders:Tokens</c>: each bearer token with the identity bound to it, <c>token=identity;token2=identity2</c>.</summary>
    [ConfigurationKeyName("Orders:Tokens")]
    public string? OrderTokenList { get; set; }

    /// <summary>The tokens of <see cref="OrderTokenList"/> by token; empty when it is unset or malformed (which stops the host at start).</summary>
    public IReadOnlyDictionary<string, string> OrderTokens() => TryParseTokens(OrderTokenList, out var tokens) ? tokens : new Dictionary<string, string>();

    public IEnumerable<string> Problems()
    {
        if (!TryParseTokens(OrderTokenList, out _))
        {
            yield return "Orders:Tokens must look like 'token=identity;token2=identity2'.";
        }
    }

    private static bool TryParseTokens(string? value, out Dictionary<string, string> tokens)
    {
        tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0 || separator == pair.Length - 1)
            {
                return false;
            }

            tokens[pair[..separator].Trim()] = pair[(separator + 1)..].Trim();
        }

        return true;
    }
}
