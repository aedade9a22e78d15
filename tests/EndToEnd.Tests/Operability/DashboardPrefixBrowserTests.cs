using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using OpenQA.Selenium;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>
/// The page below a route prefix, as the Functions app serves it (<c>/api/dashboard</c>), in a real headless Chromium.
/// A proxy in front of the real host stands for such a host: it serves the dashboard's routes at <c>/api/dashboard</c>,
/// writes the page's base as that host does, passes the API and the management API through, and answers 404 at
/// <c>/dashboard</c>, so a script that still built a path from the root fails here.
/// </summary>
[NonParallelizable]
public sealed class DashboardPrefixBrowserTests
{
    private static readonly string[] Forwarded = ["x-functions-key", "accept", "content-type", "x-ms-continuation-token"];

    [Test]
    public async Task The_page_served_below_a_route_prefix_lists_links_and_opens_instances_there()
    {
        Chromium.Require();
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string> { ["Orders__DeliveryDelay"] = "01:00:00" });
        var (_, accepted, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"desk lamp","Amount":30}""", HttpTestExtensions.Bearer(LocalHostProcess.AliceToken));
        var orderId = accepted.GetProperty("orderId").GetString()!;
        var atRoot = new ConcurrentQueue<string>();
        // Without the test's own credentials: only what the page sends reaches the host.
        using var forward = new HttpClient { BaseAddress = host.BaseAddress };
        await using var proxy = new FakeUpstream(request => ForwardAsync(forward, request, atRoot, asDurable: false));

        using var driver = Chromium.Start(Path.Combine(host.WorkingDirectory, "chromium-profile"));
        var page = new BrowserSession(driver);
        driver.Navigate().GoToUrl(new Uri(proxy.BaseAddress, "api/dashboard?code=" + LocalHostProcess.OperatorKey));

        page.WaitFor(By.CssSelector($"#orders-table tr[data-order-id='{orderId}']"), _ => true, "the order's row, read from /api/dashboard/api/orders");
        page.WaitFor(By.CssSelector("#chart-workflows g.series[data-series='started']"), series => series.FindElements(By.CssSelector("rect.bar")).Count > 0, "the started order in the charts, read from /api/dashboard/api/charts");
        page.WaitFor(By.CssSelector($"#instances-table tr[data-instance-id='{orderId}'] a[data-instance-link]"), _ => true, "the order's instance in the list").Click();
        page.WaitFor(By.Id("history-table"), table => table.Text.Contains("ExecutionStarted", StringComparison.Ordinal), "the instance page's history");
        Assert.That(new Uri(driver.Url).AbsolutePath, Is.EqualTo($"/api/dashboard/instances/{orderId}"), "the instance page's address is below the prefix");
        page.Screenshot("prefixed-instance.png", "The instance page served below /api/dashboard");

        // A deep link to the instance page, loaded afresh (with the key, as every page load asks), shows the instance too.
        driver.Navigate().GoToUrl(new Uri(proxy.BaseAddress, $"api/dashboard/instances/{orderId}?code={LocalHostProcess.OperatorKey}"));
        page.WaitFor(By.Id("instance-heading"), heading => heading.Text.Contains(orderId, StringComparison.Ordinal), "the deep-linked instance page");
        page.WaitFor(By.Id("timeline"), timeline => timeline.FindElements(By.TagName("svg")).Count > 0, "the deep-linked instance's timeline");
        page.WaitFor(By.CssSelector("a[data-back]"), _ => true, "the link back to the lists").Click();
        page.WaitFor(By.CssSelector($"#orders-table tr[data-order-id='{orderId}']"), _ => true, "the lists again");

        Assert.Multiple(() =>
        {
            Assert.That(new Uri(driver.Url).AbsolutePath, Is.EqualTo("/api/dashboard/"));
            Assert.That(atRoot, Is.Empty, "no request of the page went to /dashboard at the root");
            Assert.That(driver.FindElement(By.Id("announcer")).Text, Does.Not.Contain("could not be loaded"));
        });
    }

    /// <summary>
    /// Durable Functions' management API where it differs from Core's: no restart route (404), and a failed or
    /// terminated instance's status answered with 400, its status still in the body. The page restarts by starting the
    /// workflow by name with the same input and id, and still shows the ended instance and what it allows.
    /// </summary>
    [Test]
    public async Task The_page_works_with_durable_functions_answers_a_terminated_instance_on_400_and_restart_as_a_start_by_name()
    {
        Chromium.Require();
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string> { ["Orders__DeliveryDelay"] = "01:00:00" });
        var (_, accepted, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"desk lamp","Amount":30}""", HttpTestExtensions.Bearer(LocalHostProcess.AliceToken));
        var orderId = accepted.GetProperty("orderId").GetString()!;
        var sampleId = "D" + Guid.NewGuid().ToString("N")[..8];
        await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Clean(sampleId));
        var instanceId = "qc-" + sampleId;
        var first = await Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, ManagementPath + instanceId)).Body,
            status => status.TryGetProperty("runtimeStatus", out var runtime) && runtime.GetString() == "Completed",
            what: "the sample's workflow to complete");
        var atRoot = new ConcurrentQueue<string>();
        using var forward = new HttpClient { BaseAddress = host.BaseAddress };
        await using var proxy = new FakeUpstream(request => ForwardAsync(forward, request, atRoot, asDurable: true));
        using var driver = Chromium.Start(Path.Combine(host.WorkingDirectory, "chromium-profile"));
        var page = new BrowserSession(driver);

        driver.Navigate().GoToUrl(new Uri(proxy.BaseAddress, $"api/dashboard/instances/{orderId}?code={LocalHostProcess.OperatorKey}"));
        page.WaitFor(By.CssSelector("button[data-action='terminate']"), _ => true, "the running order's terminate action").Click();
        Assert.That(page.Confirm(), Does.Contain(orderId));
        page.WaitFor(By.TagName("body"), body => body.GetAttribute("data-instance-status") == "Terminated", "the terminated order, answered with 400");
        Assert.That(driver.FindElements(By.CssSelector("button[data-action='restart']")), Has.Count.EqualTo(1), "an ended instance offers a restart");

        driver.Navigate().GoToUrl(new Uri(proxy.BaseAddress, $"api/dashboard/instances/{instanceId}?code={LocalHostProcess.OperatorKey}"));
        page.WaitFor(By.CssSelector("button[data-action='restart']"), _ => true, "the completed sample's restart action").Click();
        Assert.That(page.Confirm(), Does.Contain(instanceId));
        page.WaitFor(By.Id("instance-outcome"), outcome => outcome.Text.Contains("started again", StringComparison.Ordinal), "the restart's outcome");
        var again = await Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, ManagementPath + instanceId)).Body,
            status => status.GetProperty("runtimeStatus").GetString() == "Completed" && status.GetProperty("createdTime").GetDateTimeOffset() > first.GetProperty("createdTime").GetDateTimeOffset(),
            what: "the sample's workflow started by name to complete again");

        Assert.Multiple(() =>
        {
            Assert.That(proxy.Requests.Select(request => request.Method + " " + request.Path), Does.Contain($"POST /runtime/webhooks/durabletask/orchestrators/QualityControl/{instanceId}"), "started by name under the same id");
            Assert.That(again.GetProperty("input").ToString(), Is.EqualTo(first.GetProperty("input").ToString()), "with the input it was first given");
            Assert.That(atRoot, Is.Empty);
        });
    }

    private const string ManagementPath = "runtime/webhooks/durabletask/instances/";

    private static async Task<FakeUpstream.Response> ForwardAsync(HttpClient host, FakeUpstream.Request request, ConcurrentQueue<string> atRoot, bool asDurable)
    {
        if (asDurable && request.Method == "POST" && request.Path.EndsWith("/restart", StringComparison.Ordinal))
        {
            return new FakeUpstream.Response(404, "", "text/plain");
        }

        const string prefix = "/api/dashboard";
        string path;
        if (request.Path == prefix || request.Path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            path = request.Path["/api".Length..];
        }
        else if (request.Path == "/dashboard" || request.Path.StartsWith("/dashboard/", StringComparison.Ordinal))
        {
            atRoot.Enqueue(request.Method + " " + request.Path);
            return new FakeUpstream.Response(404, "", "text/plain");
        }
        else
        {
            path = request.Path;
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), path.TrimStart('/') + request.Query);
        if (request.Body.Length > 0 || request.Method is "POST" or "PUT")
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = request.Headers.TryGetValue("content-type", out var type) ? MediaTypeHeaderValue.Parse(type) : null;
        }

        foreach (var name in Forwarded.Where(name => name != "content-type" && request.Headers.ContainsKey(name)))
        {
            message.Headers.TryAddWithoutValidation(name, request.Headers[name]);
        }

        using var response = await host.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "text/plain";

        // The host below the prefix writes the dashboard's base as /api/dashboard: the page's only server-written paths.
        if (contentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            body = body.Replace("\"/dashboard", "\"" + prefix, StringComparison.Ordinal);
        }

        var status = (int)response.StatusCode;
        if (asDurable && status == 200 && request.Path.StartsWith("/" + ManagementPath, StringComparison.Ordinal)
            && (body.Contains("\"runtimeStatus\":\"Terminated\"", StringComparison.Ordinal) || body.Contains("\"runtimeStatus\":\"Failed\"", StringComparison.Ordinal)))
        {
            status = 400;
        }

        return new FakeUpstream.Response(status, body, contentType);
    }
}
