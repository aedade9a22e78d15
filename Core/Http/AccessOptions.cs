using Microsoft.Extensions.Configuration;
using Portable.Core.Settings;

namespace Portable.Core.Http;

/// <summary>
/// Every credential the route policies check, and where links point: the error-log keys, the customers' bearer tokens,
/// the lab key, the operators' keys, the secret that signs per-instance status links, and the public base URL.
/// An unset key lets nobody in; it never opens a route.
/// </summary>
public sealed record AccessOptions : IValidatedOptions
{
    private const int MinimumSecretLength = 16;

    /// <summary><c>ErrorLogs:WriteKey</c>; unset, every write is refused.</summary>
    [ConfigurationKeyName("ErrorLogs:WriteKey")]
    public string? ErrorLogsWriteKey { get; set; }

    /// <summary><c>ErrorLogs:ReadKey</c>; unset, every read is refused.</summary>
    [ConfigurationKeyName("ErrorLogs:ReadKey")]
    public string? ErrorLogsReadKey { get; set; }

    /// <summary><c>Orders:Tokens</c>: each bearer token with the identity bound to it, <c>token=identity;token2=identity2</c>.</summary>
    [ConfigurationKeyName("Orders:Tokens")]
    public string? OrderTokenList { get; set; }

    /// <summary><c>Quality:LabKey</c>, sent as <c>x-api-key</c> to the quality routes; unset, only operators reach them.</summary>
    [ConfigurationKeyName("Quality:LabKey")]
    public string? LabKey { get; set; }

    /// <summary>
    /// <c>Management:Keys</c>: the operators' keys, <c>key1;key2</c> (two during a rotation), sent as <c>x-functions-key</c>
    /// or <c>?code=</c> as Azure Functions' keys are; unset, the management API, the dashboard and notification retries
    /// are closed.
    /// </summary>
    [ConfigurationKeyName("Management:Keys")]
    public string? ManagementKeyList { get; set; }

    /// <summary>
    /// <c>Management:LinkSecret</c>: signs the per-instance code of the status link a caller is handed; unset, status
    /// links carry no code and only operators can follow them.
    /// </summary>
    [ConfigurationKeyName("Management:LinkSecret")]
    public string? LinkSecret { get; set; }

    /// <summary><c>Http:PublicBaseUrl</c>: where clients reach this host; links and Location headers are built on it.</summary>
    [ConfigurationKeyName("Http:PublicBaseUrl")]
    public string? PublicBaseUrl { get; set; }

    /// <summary>The tokens of <see cref="OrderTokenList"/> by token; empty when it is unset or malformed (which stops the host at start).</summary>
    public IReadOnlyDictionary<string, string> OrderTokens() => TryParseTokens(OrderTokenList, out var tokens) ? tokens : new Dictionary<string, string>();

    /// <summary>The keys of <see cref="ManagementKeyList"/>.</summary>
    public IReadOnlyList<string> ManagementKeys() =>
        (ManagementKeyList ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The configured public base URL (scheme, host and port), or null when none is configured.</summary>
    public Uri? PublicBase() =>
        Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? new Uri(uri.GetLeftPart(UriPartial.Authority)) : null;

    public IEnumerable<string> Problems()
    {
        if (!TryParseTokens(OrderTokenList, out _))
        {
            yield return "Orders:Tokens must look like 'token=identity;token2=identity2'.";
        }

        if (ManagementKeys().FirstOrDefault(key => key.Length < MinimumSecretLength) is not null)
        {
            yield return $"Management:Keys must hold keys of at least {MinimumSecretLength} characters, separated by ';'.";
        }

        if (LinkSecret is { Length: > 0 } secret && secret.Length < MinimumSecretLength)
        {
            yield return $"Management:LinkSecret must be at least {MinimumSecretLength} characters long.";
        }

        if (!string.IsNullOrEmpty(PublicBaseUrl) && PublicBase() is null)
        {
            yield return "Http:PublicBaseUrl must be an absolute http or https URL such as https://api.example.com.";
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
