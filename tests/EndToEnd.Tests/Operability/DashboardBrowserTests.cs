using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>An operator at the dashboard, in a real headless Chromium, against the real host process.</summary>
[NonParallelizable]
public sealed class DashboardBrowserTests
{
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(30);

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
        driver.Navigate().GoToUrl(new Uri(host.BaseAddress, "dashboard/?code=" + LocalHostProcess.OperatorKey));

        var sample = await WaitFor(driver, By.CssSelector("#samples-table tr[data-sample-id='S-browser']"), row => row.Text.Contains("Undelivered", StringComparison.Ordinal));
        var order = await WaitFor(driver, By.CssSelector($"#orders-table tr[data-order-id='{orderId}']"), row => row.FindElements(By.CssSelector("button[data-action='cancel-order']")).Count > 0);
        Assert.That(driver.Title, Does.Contain("Operations dashboard"));
        Assert.That(sample.Text, Does.Contain("saturation"), "the findings are on the page");
        Assert.That(sample.FindElements(By.CssSelector("button[data-action='retry-notification']")), Has.Count.EqualTo(1), "an undelivered notification offers a retry");
        Assert.That(order.FindElement(By.CssSelector(".status")).Text, Is.AnyOf("PROCESSING", "PLACED", "IN_TRANSIT"));
        Screenshot(driver, "dashboard-before-cancel.png", "The dashboard with the failed sample and the order before it is cancelled");

        // With the keyboard, as an operator without a mouse would: focus the button, and keep the focus across the
        // page's automatic refresh, which re-renders the table; then press Enter and confirm.
        driver.ExecuteScript("arguments[0].focus();", order.FindElement(By.CssSelector("button[data-action='cancel-order']")));
        var renderedAt = driver.FindElement(By.TagName("body")).GetAttribute("data-refreshed");
        await WaitFor(driver, By.TagName("body"), body => body.GetAttribute("data-refreshed") != renderedAt);
        var focused = driver.SwitchTo().ActiveElement();
        Assert.That(focused.GetAttribute("data-action"), Is.EqualTo("cancel-order"), "the refresh kept the keyboard focus");
        Assert.That(focused.FindElement(By.XPath("ancestor::tr")).GetAttribute("data-order-id"), Is.EqualTo(orderId));
        focused.SendKeys(Keys.Enter);
        await WaitForAlert(driver);
        var confirm = driver.SwitchTo().Alert();
        Assert.That(confirm.Text, Does.Contain(orderId));
        confirm.Accept();

        var cancelled = await WaitFor(
            driver,
            By.CssSelector($"#orders-table tr[data-order-id='{orderId}']"),
            row => row.FindElement(By.CssSelector(".status")).Text == "CANCELLED");
        Assert.That(cancelled.Text, Does.Contain("operator@example.com"), "the reason names the operator");
        Assert.That(driver.FindElement(By.Id("announcer")).Text, Does.Contain("Cancellation requested"));
        Screenshot(driver, "dashboard-after-cancel.png", "The order shown CANCELLED after the operator cancelled it");

        var instance = await WaitFor(driver, By.CssSelector($"#instances-table tr[data-instance-id='{orderId}']"), _ => true);
        instance.FindElement(By.CssSelector("button[data-action='history']")).Click();
        var timeline = await WaitFor(driver, By.Id("history-timeline"), list => list.Text.Contains("EventRaised", StringComparison.Ordinal));
        Assert.That(timeline.Text, Does.Contain("ExecutionStarted").And.Contain("TaskCompleted"));
        Screenshot(driver, "dashboard-history.png", "The order's workflow history, with the cancel event");

        var (_, stored, _) = await host.Client.SendJsonAsync(HttpMethod.Get, $"api/order/{orderId}", headers: HttpTestExtensions.Bearer(LocalHostProcess.AliceToken));
        Assert.That(stored.GetProperty("status").GetString(), Is.EqualTo("CANCELLED"));
        Assert.That(stored.GetProperty("statusReason").GetString(), Does.Contain("operator@example.com"));
    }

    private static async Task<IWebElement> WaitFor(ChromeDriver driver, By selector, Func<IWebElement, bool> ready)
    {
        var deadline = DateTime.UtcNow + PageWait;
        while (true)
        {
            try
            {
                var element = driver.FindElements(selector).FirstOrDefault();
                if (element is not null && ready(element))
                {
                    return element;
                }
            }
            catch (StaleElementReferenceException)
            {
                // The page re-rendered the table between the find and the check; look again.
            }

            if (DateTime.UtcNow > deadline)
            {
                Screenshot(driver, "dashboard-timeout.png", "The page when the wait timed out");
                Assert.Fail($"The page never showed {selector} as expected.");
            }

            await Task.Delay(200);
        }
    }

    private static async Task WaitForAlert(ChromeDriver driver)
    {
        var deadline = DateTime.UtcNow + PageWait;
        while (true)
        {
            try
            {
                _ = driver.SwitchTo().Alert().Text;
                return;
            }
            catch (NoAlertPresentException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Saves a screenshot under the test's work directory and attaches it to the test result.</summary>
    private static void Screenshot(ChromeDriver driver, string name, string description)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        driver.GetScreenshot().SaveAsFile(path);
        TestContext.AddTestAttachment(path, description);
    }
}
