using System.Text;
using Portable.Core.Workflows;

namespace Portable.Core.Dashboard;

/// <summary>
/// The dashboard's page, scripts and styles, embedded in Core, read from the assembly on first use. The page is one for
/// the lists and for each instance (its script shows what the path names), with the host's API paths filled in.
/// </summary>
internal static class DashboardAssets
{
    public const string PageType = "text/html; charset=utf-8";

    /// <summary>Scripts and styles come from this host only, and the page is never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly Dictionary<string, (string Type, Lazy<byte[]> Bytes)> Files = new[]
    {
        ("app.js", "text/javascript; charset=utf-8"),
        ("app.css", "text/css; charset=utf-8"),
        ("charts.js", "text/javascript; charset=utf-8"),
        ("common.js", "text/javascript; charset=utf-8"),
        ("instance.js", "text/javascript; charset=utf-8"),
        ("timeline.js", "text/javascript; charset=utf-8"),
    }.ToDictionary(file => file.Item1, file => (file.Item2, new Lazy<byte[]>(() => Read(file.Item1))), StringComparer.Ordinal);

    public static bool TryGet(string name, out string contentType, out byte[] bytes)
    {
        if (Files.TryGetValue(name, out var file))
        {
            (contentType, bytes) = (file.Type, file.Bytes.Value);
            return true;
        }

        (contentType, bytes) = ("", []);
        return false;
    }

    /// <summary>
    /// The page with the host's paths filled in (the public API's prefix, the management API, and where the dashboard
    /// itself is served), so the same page and scripts call the routes where this host serves them; the API reference
    /// is linked only where the host serves one.
    /// </summary>
    public static byte[] Page(string routePrefix, string dashboardBase, string? apiReference)
    {
        var referenceItem = apiReference is null
            ? ""
            : $"<li><a href=\"{System.Net.WebUtility.HtmlEncode(apiReference)}\">API reference</a></li>";
        var html = Encoding.UTF8.GetString(Read("index.html"));
        var apiBase = routePrefix.Length > 0 ? "/" + routePrefix : "";
        return Encoding.UTF8.GetBytes(html.Replace("{{API_BASE}}", apiBase, StringComparison.Ordinal)
            .Replace("{{MANAGEMENT_BASE}}", "/" + WorkflowLinks.BasePath, StringComparison.Ordinal)
            .Replace("{{DASHBOARD_BASE}}", dashboardBase, StringComparison.Ordinal)
            .Replace("{{API_REFERENCE}}", referenceItem, StringComparison.Ordinal));
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("dashboard/" + name)
            ?? throw new InvalidOperationException($"The dashboard asset '{name}' is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
