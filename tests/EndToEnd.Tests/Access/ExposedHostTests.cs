using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Portable.EndToEnd.Tests.Access;

/// <summary>
/// The embedded host outside Development, as it would run where others reach it: no development credentials, no
/// stand-ins under /dev, links on its public base whatever Host a request names, and a dashboard that takes no state change
/// from another site.
/// </summary>
public sealed class ExposedHostTests
{
    private const string PublicBase = "https://orders.example.com";

    private LocalHostProcess _host = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Development__Upstreams"] = "true",
            ["Quality__Notifier__WebhookUrl"] = "http://127.0.0.1:9/hook",
            ["Http__PublicBaseUrl"] = PublicBase,
        });
        _client = new HttpClient { BaseAddress = _host.BaseAddress };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body = null, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        headers?.Invoke(request.Headers);
        return await _client.SendAsync(request);
    }

    [Test]
    public async Task The_development_stand_ins_and_the_development_operator_key_do_not_exist()
    {
        using var webhook = await SendAsync(HttpMethod.Get, "dev/webhook");
        using var withDevelopmentKey = await SendAsync(HttpMethod.Get, "runtime/webhooks/durabletask/instances", headers: h => h.Add("x-functions-key", "dev-operator-key"));

        Assert.That(webhook.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(withDevelopmentKey.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Links_and_location_are_built_on_the_public_base_whatever_host_the_request_names()
    {
        using var placed = await SendAsync(HttpMethod.Post, "api/order", """{"Item":"kettle","Amount":4}""", h =>
        {
            h.Authorization = new AuthenticationHeaderValue("Bearer", LocalHostProcess.AliceToken);
            h.Host = "evil.example";
        });
        var body = await placed.Content.ReadAsStringAsync();

        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body);
        Assert.That(placed.Headers.Location!.GetLeftPart(UriPartial.Authority), Is.EqualTo(PublicBase));
        Assert.That(body, Does.Not.Contain("evil.example"));
    }

    [Test]
    public async Task The_dashboard_refuses_a_state_change_sent_from_another_site_even_with_the_key()
    {
        using var crossSite = await SendAsync(HttpMethod.Post, "dashboard/api/orders/ORD0000001/cancel", headers: h =>
        {
            h.Add("x-functions-key", LocalHostProcess.OperatorKey);
            h.Add("Origin", "https://evil.example");
        });
        using var formPost = await SendAsync(HttpMethod.Post, "dashboard/api/orders/ORD0000001/cancel", headers: h => h.Add("Sec-Fetch-Site", "cross-site"));

        Assert.That(crossSite.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(formPost.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a form post carries no key");
    }
}
