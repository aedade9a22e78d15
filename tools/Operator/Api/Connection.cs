using Portable.Operator.Cli;

namespace Portable.Operator.Api;

/// <summary>Where the host is and the operator key to show it, from the command line or the environment.</summary>
public sealed record Connection(Uri BaseUrl, string? OperatorKey, TimeSpan RequestTimeout)
{
    public const string BaseUrlVariable = "PORTABLE_BASE_URL";
    public const string OperatorKeyVariable = "PORTABLE_OPERATOR_KEY";
    public const string DefaultBaseUrl = "http://localhost:7071";

    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        OptionSpec.Value("--base-url", "URL", $"The host, e.g. https://api.example.com (env {BaseUrlVariable}; default {DefaultBaseUrl})."),
        OptionSpec.Value("--key", "KEY", $"The operator key, sent as x-functions-key (env {OperatorKeyVariable})."),
        OptionSpec.Value("--request-timeout", "DURATION", "How long one request may take (default 100s)."),
    ];

    public static Connection From(ParsedArguments arguments, OperatorConsole console, bool keyRequired = true)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(console);
        var text = arguments.Value("--base-url") ?? NonEmpty(console.Environment(BaseUrlVariable)) ?? DefaultBaseUrl;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw OperatorException.Usage($"--base-url must be an absolute http or https URL; it is '{text}'.");
        }

        var key = arguments.Value("--key") ?? NonEmpty(console.Environment(OperatorKeyVariable));
        if (keyRequired && string.IsNullOrEmpty(key))
        {
            throw OperatorException.Usage($"No operator key: pass --key or set {OperatorKeyVariable}.");
        }

        return new Connection(baseUrl, key, arguments.Duration("--request-timeout") ?? TimeSpan.FromSeconds(100));
    }

    internal static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
