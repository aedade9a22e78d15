using System.Text;
using System.Text.Json;
using Portable.Core.Home;
using Portable.Core.Http;

namespace Portable.Core.Tests.Home;

/// <summary><c>GET /</c> links to what the host registered, as JSON, or as a page for a browser.</summary>
public sealed class HomeEndpointsTests
{
    private static readonly HomeLink[] Links = [new("dashboard", "Operator dashboard", "/dashboard"), new("health", "Readiness", "/health/ready")];

    private static Task<ApiResponse> GetAsync(string? accept)
    {
        var route = HomeEndpoints.Routes(() => new HomeEndpoints(Links)).Single();
        var request = new ApiRequest
        {
            Method = "GET",
            Path = "",
            BaseUri = new Uri("http://localhost:7071/"),
            Headers = accept is null ? new Dictionary<string, string>() : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Accept"] = accept },
        };
        return route.Handler(request, CancellationToken.None).AsTask();
    }

    [Test]
    public async Task An_api_client_gets_the_links_as_camelCase_json()
    {
        var response = await GetAsync("application/json");
        using var json = JsonDocument.Parse(response.Body);

        Assert.That(response.ContentType, Does.StartWith("application/json"));
        Assert.That(json.RootElement.GetProperty("links").EnumerateArray().Select(link => (link.GetProperty("rel").GetString(), link.GetProperty("href").GetString())),
            Is.EqualTo(new[] { ("dashboard", "/dashboard"), ("health", "/health/ready") }));
    }

    [Test]
    public async Task A_browser_gets_a_page_of_the_same_links()
    {
        var response = await GetAsync("text/html,application/xhtml+xml,*/*;q=0.8");
        var page = Encoding.UTF8.GetString(response.Body.Span);

        Assert.That(response.ContentType, Does.StartWith("text/html"));
        Assert.That(page, Does.Contain("<a href=\"/dashboard\">Operator dashboard</a>").And.Contain("<a href=\"/health/ready\">Readiness</a>"));
    }

    [Test]
    public async Task A_caller_without_an_accept_header_gets_json()
    {
        Assert.That((await GetAsync(null)).ContentType, Does.StartWith("application/json"));
    }
}
