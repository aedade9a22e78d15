using OpenQA.Selenium;
using OpenQA.Selenium.Interactions;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>The instance page and the instance search, in a real headless Chromium, against the real host process.</summary>
[NonParallelizable]
public sealed class InstancePageBrowserTests
{
    private static readonly string[] WaitingActions = ["raise-event", "suspend", "terminate"];

    private static Task<LocalHostProcess> StartHostAsync() =>
        LocalHostProcess.StartAsync(new Dictionary<string, string> { ["Orders__DeliveryDelay"] = "01:00:00" });

    private static Action<System.Net.Http.Headers.HttpRequestHeaders> Operator =>
        headers => headers.Add("x-functions-key", LocalHostProcess.OperatorKey);

    [Test]
    public async Task A_waiting_order_draws_its_timeline_every_action_is_reached_by_Tab_and_terminate_then_purge_work_from_the_page()
    {
        Chromium.Require();
        await using var host = await StartHostAsync();
        var orderId = await PlaceWaitingOrderAsync(host);
        using var driver = Chromium.Start(Path.Combine(host.WorkingDirectory, "chromium-profile"));
        var page = new BrowserSession(driver);
        driver.Navigate().GoToUrl(new Uri(host.BaseAddress, $"dashboard/instances/{orderId}?code={LocalHostProcess.OperatorKey}"));

        // The timeline: a bar per activity, named, with its times in a tooltip; the open timer drawn as waiting.
        page.WaitFor(By.CssSelector("#timeline svg g.bar.activity rect.span"), _ => true, "an activity bar on the timeline");
        var bars = driver.FindElements(By.CssSelector("#timeline svg g.bar.activity"));
        var titles = bars.Select(bar => bar.FindElement(By.TagName("title")).GetAttribute("textContent")).ToList();
        Assert.That(titles, Has.Some.Contains("ChargePayment").And.Some.Contains("Start "), string.Join(" | ", titles));
        Assert.That(driver.FindElements(By.CssSelector("#timeline svg g.bar.timer.open")), Is.Not.Empty, "the delivery timer is drawn as still waiting");
        Assert.That(driver.FindElement(By.Id("instance-summary")).Text, Does.Contain("OrderLifecycle").And.Contain("Running"));
        Assert.That(driver.FindElement(By.Id("instance-input")).Text, Does.Contain("desk lamp"), "the input as formatted JSON");
        Assert.That(driver.FindElement(By.Id("history-table")).Text, Does.Contain("ChargePayment"), "the history names its activities");
        page.Screenshot("timeline.png", "A waiting order's instance page with its timeline");

        // Keyboard only: Tab from the top of the page reaches every action the status allows.
        driver.FindElement(By.TagName("body")).Click();
        var reached = new HashSet<string>();
        for (var press = 0; press < 80 && !WaitingActions.All(reached.Contains); press++)
        {
            new Actions(driver).SendKeys(Keys.Tab).Perform();
            if (driver.SwitchTo().ActiveElement().GetAttribute("data-action") is { Length: > 0 } action)
            {
                reached.Add(action);
            }
        }

        Assert.That(reached, Is.SupersetOf(WaitingActions), "Tab reaches each action");

        // Terminate: from the keyboard, confirmed, and its outcome shown; the page then offers restart and purge.
        driver.FindElement(By.CssSelector("button[data-action='terminate']")).SendKeys(Keys.Enter);
        Assert.That(page.Confirm(), Does.Contain(orderId));
        page.WaitFor(By.TagName("body"), body => body.GetAttribute("data-instance-status") == "Terminated", "the page to show the instance terminated");
        Assert.That(driver.FindElement(By.Id("instance-outcome")).Text, Does.Contain("terminated"));
        var (_, status, _) = await host.Client.SendJsonAsync(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{orderId}", headers: Operator);
        Assert.That(status.GetProperty("runtimeStatus").GetString(), Is.EqualTo("Terminated"));
        page.WaitFor(By.CssSelector("button[data-action='purge']"), _ => true, "the purge action of an ended instance");
        Assert.That(driver.FindElements(By.CssSelector("button[data-action='restart']")), Has.Count.EqualTo(1));
        page.Screenshot("terminated.png", "The instance page after the terminate action");

        driver.FindElement(By.CssSelector("button[data-action='purge']")).Click();
        Assert.That(page.Confirm(), Does.Contain("Purge"));
        page.WaitFor(By.Id("instance-missing"), note => note.Displayed, "the page to say the instance is gone");
        Assert.That((await host.Client.SendJsonAsync(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{orderId}", headers: Operator)).Status, Is.EqualTo(404));

        // The order outlives its purged workflow in the order list.
        driver.FindElement(By.CssSelector("#instance-view a[data-back]")).Click();
        page.WaitFor(By.CssSelector($"#orders-table tr[data-order-id='{orderId}']"), _ => true, "the order of the purged instance in the order list");
    }

    [Test]
    public async Task A_waiting_order_is_suspended_resumed_and_cancelled_by_an_event_raised_from_the_page()
    {
        Chromium.Require();
        await using var host = await StartHostAsync();
        var orderId = await PlaceWaitingOrderAsync(host);
        using var driver = Chromium.Start(Path.Combine(host.WorkingDirectory, "chromium-profile"));
        var page = new BrowserSession(driver);
        driver.Navigate().GoToUrl(new Uri(host.BaseAddress, $"dashboard/instances/{orderId}?code={LocalHostProcess.OperatorKey}"));

        page.WaitFor(By.CssSelector("button[data-action='suspend']"), _ => true, "the suspend action").Click();
        Assert.That(page.Confirm(), Does.Contain("Suspend"));
        page.WaitFor(By.TagName("body"), body => body.GetAttribute("data-instance-status") == "Suspended", "the instance shown suspended");
        page.WaitFor(By.CssSelector("button[data-action='resume']"), _ => true, "the resume action").Click();
        Assert.That(page.Confirm(), Does.Contain("Resume"));
        page.WaitFor(By.TagName("body"), body => body.GetAttribute("data-instance-status") == "Running", "the instance shown running again");

        driver.FindElement(By.Id("event-name")).SendKeys("Cancel");
        driver.FindElement(By.Id("event-body")).SendKeys("""{"requestedBy":"ops@example.com","requestedAt":"2026-12-06T08:00:00Z"}""");
        driver.FindElement(By.CssSelector("#raise-event button[type='submit']")).Click();
        Assert.That(page.Confirm(), Does.Contain("Cancel"));
        page.WaitFor(By.TagName("body"), body => body.GetAttribute("data-instance-status") == "Completed", "the cancelled order's workflow to complete");
        page.WaitFor(By.Id("history-table"), table => table.Text.Contains("EventRaised", StringComparison.Ordinal) && table.Text.Contains("ops@example.com", StringComparison.Ordinal), "the raised event and its payload in the history");
        Assert.That(driver.FindElement(By.Id("instance-summary")).Text, Does.Contain("CANCELLED"), "the order's outcome is said first");
        page.Screenshot("cancelled-by-event.png", "An order cancelled by an event raised from its instance page");

        var (_, order, _) = await host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{orderId}", headers: HttpTestExtensions.Bearer(LocalHostProcess.AliceToken));
        Assert.That(order.GetProperty("status").GetString(), Is.EqualTo("CANCELLED"));
    }

    [Test]
    public async Task Instances_are_found_by_id_prefix_and_paged_with_the_continuation_token()
    {
        Chromium.Require();
        await using var host = await StartHostAsync();
        var batch = "P" + Guid.NewGuid().ToString("N")[..8];
        var samples = Enumerable.Range(1, 7).Select(i => SampleJson.Clean($"{batch}-{i}"));
        var (posted, _, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", "[" + string.Join(",", samples) + "]");
        Assert.That(posted, Is.EqualTo(202));

        using var driver = Chromium.Start(Path.Combine(host.WorkingDirectory, "chromium-profile"));
        var page = new BrowserSession(driver);
        driver.Navigate().GoToUrl(new Uri(host.BaseAddress, $"dashboard/?code={LocalHostProcess.OperatorKey}"));
        page.WaitFor(By.Id("instance-prefix"), field => field.Enabled, "the search form").SendKeys("qc-" + batch);
        driver.FindElement(By.XPath("//select[@id='page-size']/option[.='5']")).Click();
        driver.FindElement(By.Id("search-instances")).Click();

        var first = page.Until(d => d.FindElement(By.Id("page-status")).Text.StartsWith("Page 1", StringComparison.Ordinal) && Ids(d) is { Count: 5 } ids && d.FindElement(By.Id("next-page")).Enabled ? ids : null, "a first page of five with a next page");
        page.Screenshot("search-first-page.png", "The first page of an instance search by id prefix");
        driver.FindElement(By.Id("next-page")).Click();
        var second = page.Until(d => Ids(d) is { Count: 2 } ids ? ids : null, "a second page with the remaining two");
        Assert.That(driver.FindElement(By.Id("page-status")).Text, Does.Contain("Page 2").And.Contain("last"));
        Assert.That(first.Concat(second), Is.EquivalentTo(Enumerable.Range(1, 7).Select(i => $"qc-{batch}-{i}")), "every instance once, none of another batch");
        page.Screenshot("search-second-page.png", "The second page of the same search");

        driver.FindElement(By.Id("previous-page")).Click();
        Assert.That(page.Until(d => Ids(d) is { Count: 5 } ids ? ids : null, "the first page again"), Is.EqualTo(first));
    }

    /// <summary>An order whose workflow waits on its hour-long delivery timer, its activities done.</summary>
    private static async Task<string> PlaceWaitingOrderAsync(LocalHostProcess host)
    {
        var (_, accepted, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"desk lamp","Amount":30}""", HttpTestExtensions.Bearer(LocalHostProcess.AliceToken));
        var orderId = accepted.GetProperty("orderId").GetString()!;
        await Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{orderId}?showHistory=true", headers: Operator)).Body,
            status => status.GetProperty("historyEvents").EnumerateArray().Any(e => e.GetProperty("EventType").GetString() == "TimerCreated"),
            what: "the order to wait on its delivery timer");
        return orderId;
    }

    private static List<string>? Ids(IWebDriver driver)
    {
        var ids = driver.FindElements(By.CssSelector("#instances-table tbody tr[data-instance-id]")).Select(row => row.GetAttribute("data-instance-id")!).ToList();
        return ids.Count == 0 ? null : ids;
    }
}
