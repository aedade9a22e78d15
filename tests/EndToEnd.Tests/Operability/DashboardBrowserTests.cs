using OpenQA.Selenium;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>An operator at the dashboard, in a real headless Chromium, against the real host process.</summary>
[NonParallelizable]
public sealed class DashboardBrowserTests
{
    [Test]
    public async Task An_operator_finds_a_failed_sample_and_an_order_and_cancels_the_order_from_the_page()
    {
        Chromium.Require();
        await using var webhook = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(503)));
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Quality__Notifier__WebhookUrl"] = new Uri(webhook.BaseAddress, "hook").ToString(),
            ["Quality__Notifier__MaxAttempts"] = "2",
            ["Quality__Notifier__FirstRetryInterval"] = "00:00:00.100",
            ["Orders__DeliveryDelay"] = "01:00:00",
            ["Dashboard__Operator"] = "operator@example.com",
        });
        var (_, accepted, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/order", """{"Item":"desk lamp","Amount":30}""", HttpTestExtensions.Bearer(LocalHostProcess.AliceToken));
        var orderId = accepted.GetProperty("orderId").GetString()!;
        await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Saturated("S-browser"));
        await Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, "api/samples/S-browser")).Body,
            sample => sample.TryGetProperty("notificationStatus", out var status) && status.GetString() == "Undelivered",
            within: TimeSpan.FromSeconds(60),
            what: "the sample's notification to be given up");

        using var driver = Chromium.Start(Path.Combine(host.WorkingDirectory, "chromium-profile"));
        var page = new BrowserSession(driver);
        driver.Navigate().GoToUrl(new Uri(host.BaseAddress, "dashboard/?code=" + LocalHostProcess.OperatorKey));

        var sample = page.WaitFor(By.CssSelector("#samples-table tr[data-sample-id='S-browser']"), row => row.Text.Contains("Undelivered", StringComparison.Ordinal), "the failed sample's row");
        var order = page.WaitFor(By.CssSelector($"#orders-table tr[data-order-id='{orderId}']"), row => row.FindElements(By.CssSelector("button[data-action='cancel-order']")).Count > 0, "the order's row with its cancel button");
        Assert.That(driver.Title, Does.Contain("Operations dashboard"));
        Assert.That(sample.Text, Does.Contain("saturation"), "the findings are on the page");
        Assert.That(sample.FindElements(By.CssSelector("button[data-action='retry-notification']")), Has.Count.EqualTo(1), "an undelivered notification offers a retry");
        Assert.That(order.FindElement(By.CssSelector(".status")).Text, Is.AnyOf("PROCESSING", "PLACED", "IN_TRANSIT"));
        page.Screenshot("before-cancel.png", "The dashboard with the failed sample and the order before it is cancelled");

        // With the keyboard, as an operator without a mouse would: focus the button, and keep the focus across the
        // page's automatic refresh; then press Enter and confirm.
        driver.ExecuteScript("arguments[0].focus();", order.FindElement(By.CssSelector("button[data-action='cancel-order']")));
        var renderedAt = driver.FindElement(By.TagName("body")).GetAttribute("data-refreshed");
        page.WaitFor(By.TagName("body"), body => body.GetAttribute("data-refreshed") != renderedAt, "the page's next refresh");
        var focused = driver.SwitchTo().ActiveElement();
        Assert.That(focused.GetAttribute("data-action"), Is.EqualTo("cancel-order"), "the refresh kept the keyboard focus");
        Assert.That(focused.FindElement(By.XPath("ancestor::tr")).GetAttribute("data-order-id"), Is.EqualTo(orderId));
        focused.SendKeys(Keys.Enter);
        Assert.That(page.Confirm(), Does.Contain(orderId));

        var cancelled = page.WaitFor(
            By.CssSelector($"#orders-table tr[data-order-id='{orderId}']"),
            row => row.FindElement(By.CssSelector(".status")).Text == "CANCELLED",
            "the order shown CANCELLED");
        Assert.That(cancelled.Text, Does.Contain("operator@example.com"), "the reason names the operator");
        Assert.That(driver.FindElement(By.Id("announcer")).Text, Does.Contain("Cancellation requested"));
        page.Screenshot("after-cancel.png", "The order shown CANCELLED after the operator cancelled it");

        page.WaitFor(By.CssSelector($"#instances-table tr[data-instance-id='{orderId}'] a[data-instance-link]"), _ => true, "the order's instance in the list").Click();
        var history = page.WaitFor(By.Id("history-table"), table => table.Text.Contains("EventRaised", StringComparison.Ordinal), "the instance page's history with the cancel event");
        Assert.That(history.Text, Does.Contain("ExecutionStarted").And.Contain("TaskCompleted").And.Contain("ChargePayment"));
        Assert.That(new Uri(driver.Url).AbsolutePath, Is.EqualTo($"/dashboard/instances/{orderId}"), "the instance page has its own address");
        page.Screenshot("history.png", "The order's workflow history, with the cancel event");

        var (_, stored, _) = await host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{orderId}", headers: HttpTestExtensions.Bearer(LocalHostProcess.AliceToken));
        Assert.That(stored.GetProperty("status").GetString(), Is.EqualTo("CANCELLED"));
        Assert.That(stored.GetProperty("statusReason").GetString(), Does.Contain("operator@example.com"));
    }

    [Test]
    public async Task An_operator_narrows_the_failed_samples_to_one_instrument_and_keeps_typing_through_the_refresh()
    {
        Chromium.Require();
        await using var webhook = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(200)));
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Quality__Notifier__WebhookUrl"] = new Uri(webhook.BaseAddress, "hook").ToString(),
        });
        await host.Client.SendJsonAsync(
            HttpMethod.Post, "api/samples", $"[{SampleJson.Saturated("S-uv", "UV-1")},{SampleJson.Saturated("S-vis", "VIS-9")}]");

        using var driver = Chromium.Start(Path.Combine(host.WorkingDirectory, "chromium-profile"));
        var page = new BrowserSession(driver);
        driver.Navigate().GoToUrl(new Uri(host.BaseAddress, "dashboard/?code=" + LocalHostProcess.OperatorKey));
        page.WaitFor(By.Id("samples-table"), table => table.FindElements(By.CssSelector("tr[data-sample-id]")).Count == 2, "both failed samples listed");

        // Typed and sent with the keyboard; the input keeps the focus and its text across the page's refreshes.
        var input = driver.FindElement(By.Id("sample-instrument"));
        input.SendKeys("VIS-9" + Keys.Enter);
        var narrowed = page.WaitFor(
            By.Id("samples-table"),
            table => table.FindElements(By.CssSelector("tr[data-sample-id]")).Select(row => row.GetAttribute("data-sample-id")).SequenceEqual(["S-vis"]),
            "the list narrowed to the VIS-9 sample");
        Assert.That(narrowed.Text, Does.Contain("on VIS-9"), "the row names its instrument");
        var renderedAt = driver.FindElement(By.TagName("body")).GetAttribute("data-refreshed");
        page.WaitFor(By.TagName("body"), body => body.GetAttribute("data-refreshed") != renderedAt, "the page's next refresh");
        Assert.Multiple(() =>
        {
            Assert.That(driver.SwitchTo().ActiveElement().GetAttribute("id"), Is.EqualTo("sample-instrument"), "the refresh kept the focus");
            Assert.That(driver.FindElements(By.CssSelector("#samples-table tr[data-sample-id]")).Select(row => row.GetAttribute("data-sample-id")), Is.EqualTo(new[] { "S-vis" }), "the refresh kept the filter");
        });
        page.Screenshot("samples-by-instrument.png", "The failed samples narrowed to the instrument VIS-9");

        input.Clear();
        input.SendKeys(Keys.Enter);
        page.WaitFor(By.Id("samples-table"), table => table.FindElements(By.CssSelector("tr[data-sample-id]")).Count == 2, "both failed samples listed again");
    }
}
