using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Portable.Adapters.Local;

/// <summary>
/// Reads configuration the way <c>func start</c> does: <c>host.json</c> under <c>AzureFunctionsJobHost</c>,
/// <c>local.settings.json</c> <c>Values</c> (and <c>ConnectionStrings</c>) as if they were environment
/// variables, then the real environment variables on top.
/// </summary>
internal static class FunctionsStyleConfiguration
{
    public const string HostSection = "AzureFunctionsJobHost";

    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>
    /// The environment the embedded host runs in when none is named (<c>ASPNETCORE_ENVIRONMENT</c>,
    /// <c>DOTNET_ENVIRONMENT</c> or <c>AZURE_FUNCTIONS_ENVIRONMENT</c>): Development, as <c>func start</c> assumes.
    /// </summary>
    public static string EnvironmentName() =>
        new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "AZURE_FUNCTIONS_ENVIRONMENT" }
            .Select(Environment.GetEnvironmentVariable)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)) ?? Environments.Development;

    /// <summary>Values used only where nothing else sets a key, so the host runs from a clean clone.</summary>
    /// <param name="selfUrl">Where this host listens; the development upstreams under <c>/dev</c> are found there.</param>
    /// <param name="development">
    /// Whether the host runs in Development: only then are the documented development credentials and the stand-ins
    /// under <c>/dev</c> in force. Elsewhere every credential must be configured, and links are built on
    /// <c>Http:PublicBaseUrl</c> (by default the address the host listens on), never on a request's Host header.
    /// </param>
    public static IReadOnlyDictionary<string, string?> EmbeddedDefaults(string selfUrl, bool development)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:Sqlite:Path"] = ".data/app.db",
            ["Queues:Provider"] = "InProcess",
        };
        if (!development)
        {
            defaults["Http:PublicBaseUrl"] = selfUrl;
            return defaults;
        }

        defaults["ErrorLogs:WriteKey"] = "dev-write-key";
        defaults["ErrorLogs:ReadKey"] = "dev-read-key";
        defaults["Orders:Tokens"] = "dev-token=dev@example.com;ops-token=ops@example.com";
        defaults["Quality:LabKey"] = "dev-lab-key";
        defaults["Management:Keys"] = DevelopmentOperatorKey;
        defaults["Management:LinkSecret"] = "dev-link-secret-for-status-links";
        defaults["Development:Upstreams"] = "true";
        defaults["Quality:Notifier:WebhookUrl"] = selfUrl + "/dev/webhook";
        defaults["Observations:BaseUrl"] = selfUrl + "/dev/sdmx/data";
        defaults["Observations:TokenUrl"] = selfUrl + "/dev/oauth/token";
        defaults["Observations:ClientId"] = "dev-client";
        defaults["Observations:ClientSecret"] = "dev-secret";
        return defaults;
    }

    /// <summary>The operator key of Development (README's curls and the dashboard link use it); never in force elsewhere.</summary>
    public const string DevelopmentOperatorKey = "dev-operator-key";

    public static void Apply(ConfigurationManager configuration, string contentRoot, bool development)
    {
        var selfUrl = SelfUrl(configuration["urls"] ?? configuration["ASPNETCORE_URLS"]);
        var sources = configuration.Sources.ToList();
        configuration.Sources.Clear();
        configuration.AddInMemoryCollection(EmbeddedDefaults(selfUrl, development));

        var hostJson = Locate(contentRoot, "host.json");
        if (hostJson is not null)
        {
            var host = Flatten(hostJson, HostSection);
            configuration.AddInMemoryCollection(host);
            configuration.AddInMemoryCollection(LogLevels(host));
        }

        var settings = Locate(contentRoot, "local.settings.json");
        if (settings is not null)
        {
            configuration.AddInMemoryCollection(ReadLocalSettings(settings));
        }

        foreach (var source in sources)
        {
            configuration.Sources.Add(source);
        }
    }

    /// <summary>The first address the host listens on, as a client on this machine reaches it.</summary>
    private static string SelfUrl(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return DefaultUrl;
        }

        return first.Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .TrimEnd('/');
    }

    /// <summary>The route prefix from <c>host.json</c> (<c>extensions:http:routePrefix</c>), <c>api</c> by default.</summary>
    public static string RoutePrefix(IConfiguration configuration) =>
        (configuration[$"{HostSection}:extensions:http:routePrefix"] ?? "api").Trim('/');

    /// <summary>host.json's <c>logging:logLevel</c> drives the embedded host's log filters, as it does the Functions host's.</summary>
    private static Dictionary<string, string?> LogLevels(Dictionary<string, string?> host)
    {
        var prefix = HostSection + ":logging:logLevel:";
        return host.Where(pair => pair.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(
                pair => "Logging:LogLevel:" + (pair.Key[prefix.Length..] is var category && category.Equals("default", StringComparison.OrdinalIgnoreCase) ? "Default" : category),
                pair => pair.Value,
                StringComparer.OrdinalIgnoreCase);
    }

    private static string? Locate(string contentRoot, string fileName)
    {
        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (Directory.Exists(System.IO.Path.Combine(directory.FullName, ".git")))
            {
                break;
            }
        }

        var besideBinary = System.IO.Path.Combine(AppContext.BaseDirectory, fileName);
        return File.Exists(besideBinary) ? besideBinary : null;
    }

    private static Dictionary<string, string?> ReadLocalSettings(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var settings) && settings.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in settings.EnumerateObject())
            {
                values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = setting.Value.ValueKind == JsonValueKind.String ? setting.Value.GetString() : setting.Value.GetRawText();
            }
        }

        if (document.RootElement.TryGetProperty("ConnectionStrings", out var connectionStrings) && connectionStrings.ValueKind == JsonValueKind.Object)
        {
            foreach (var connectionString in connectionStrings.EnumerateObject())
            {
                values["ConnectionStrings:" + connectionString.Name] = connectionString.Value.GetString();
            }
        }

        return values;
    }

    private static Dictionary<string, string?> Flatten(string path, string prefix)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Walk(document.RootElement, prefix, values);
        return values;
    }

    private static void Walk(JsonElement element, string path, Dictionary<string, string?> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, path + ":" + property.Name, values);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, path + ":" + index++, values);
                }

                break;
            case JsonValueKind.String:
                values[path] = element.GetString();
                break;
            default:
                values[path] = element.GetRawText();
                break;
        }
    }
}
