using System.Net.Http.Headers;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary><c>GET /</c> on the embedded host: where to go from its root, every link one that answers.</summary>
[NonParallelizable]
public sealed class HomePageTests
{
    [Test]
    public async Task The_root_links_to_the_dashboard_the_api_reference_and_health_and_every_link_answers()
    {
        await using var host = await LocalHostProcess.StartAsync();

        var (status, home, _) = await host.Client.SendJsonAsync(HttpMethod.Get, "");
        var links = home.GetProperty("links").EnumerateArray().ToDictionary(link => link.GetProperty("rel").GetString()!, link => link.GetProperty("href").GetString()!);

        Assert.That(status, Is.EqualTo(200), home.ToString());
        Assert.That(links.Keys, Is.SupersetOf(new[] { "dashboard", "apiReference", "openApi", "health" }));
        foreach (var href in links.Values)
        {
            using var response = await host.Client.GetAsync(new Uri(href.TrimStart('/') + (href == "/dashboard" ? "?code=" + LocalHostProcess.OperatorKey : ""), UriKind.Relative));
            Assert.That((int)response.StatusCode, Is.EqualTo(200), href);
        }
    }

    [Test]
    public async Task The_dashboard_opened_without_the_key_says_how_to_open_it_and_its_data_answers_a_plain_401()
    {
        await using var host = await LocalHostProcess.StartAsync();
        using var browser = new HttpClient { BaseAddress = host.BaseAddress };

        var (pageStatus, page, _) = await browser.SendJsonAsync(HttpMethod.Get, "dashboard");
        var (instanceStatus, instancePage, _) = await browser.SendJsonAsync(HttpMethod.Get, "dashboard/instances/ORD0000001");
        var (dataStatus, data, _) = await browser.SendJsonAsync(HttpMethod.Get, "dashboard/api/instances");
        var (wrongStatus, wrong, _) = await browser.SendJsonAsync(HttpMethod.Get, "dashboard?code=not-the-key");

        Assert.Multiple(() =>
        {
            Assert.That((pageStatus, instanceStatus, dataStatus, wrongStatus), Is.EqualTo((401, 401, 401, 403)));
            Assert.That(page.GetProperty("detail").GetString(), Does.Contain("/dashboard?code=<operator key>"));
            Assert.That(instancePage.GetProperty("detail").GetString(), Does.Contain("/dashboard?code=<operator key>"));
            Assert.That(data.GetProperty("detail").GetString(), Does.Not.Contain("?code=<"), "a data route is called by the page's script, not opened");
            Assert.That(wrong.GetProperty("detail").GetString(), Does.Not.Contain("?code=<"), "a wrong key is refused, not explained");
        });
    }

    [Test]
    public async Task A_browser_at_the_root_gets_a_page_of_links()
    {
        await using var host = await LocalHostProcess.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await host.Client.SendAsync(request);
        var page = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(page, Does.Contain("href=\"/scalar\"").And.Contain("href=\"/health/ready\""));
    }

    [Test]
    public async Task The_dashboard_links_the_api_reference_this_host_serves()
    {
        await using var host = await LocalHostProcess.StartAsync();

        var page = await host.Client.GetStringAsync(new Uri("dashboard?code=" + LocalHostProcess.OperatorKey, UriKind.Relative));
        using var reference = await host.Client.GetAsync(new Uri("scalar/", UriKind.Relative));

        Assert.That(page, Does.Contain("<a href=\"/scalar\">API reference</a>").And.Not.Contain("{{"));
        Assert.That((int)reference.StatusCode, Is.EqualTo(200));
    }
}
