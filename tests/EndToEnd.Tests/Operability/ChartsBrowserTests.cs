using OpenQA.Selenium;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>The dashboard's charts, drawn from the host's own stores, in a real headless Chromium.</summary>
[NonParallelizable]
public sealed class ChartsBrowserTests
{
    [Test]
    public async Task The_charts_show_workflows_QC_failures_undelivered_notifications_and_error_logs_as_text_and_bars()
    {
        Chromium.Require();
        await using var webhook = new FakeUpstream(_ => Task.FromResult(new FakeUpstream.Response(503)));
        await using var host = await LocalHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Quality__Notifier__WebhookUrl"] = new Uri(webhook.BaseAddress, "hook").ToString(),
            ["Quality__Notifier__MaxAttempts"] = "1",
        });
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var logs = $$"""[{"device_id":"chart-pump","error_number":1,"time_stamp":{{now}}},{"device_id":"chart-pump","error_number":2,"time_stamp":{{now}}},{"device_id":"chart-valve","error_number":3,"time_stamp":{{now}}}]""";
        var (logStatus, _, _) = await host.Client.SendJsonAsync(HttpMethod.Post, "api/logs", logs, HttpTestExtensions.ApiKey(LocalHostProcess.WriteKey));
        Assert.That(logStatus, Is.EqualTo(201));
        await host.Client.SendJsonAsync(HttpMethod.Post, "api/samples", SampleJson.Saturated("S-chart"));
        await Eventually.Get(
            async () => (await host.Client.SendJsonAsync(HttpMethod.Get, "api/samples/S-chart")).Body,
            sample => sample.TryGetProperty("notificationStatus", out var status) && status.GetString() == "Undelivered",
            what: "the sample's notification to be given up");

        using var driver = Chromium.Start(Path.Combine(host.WorkingDirectory, "chromium-profile"));
        var page = new BrowserSession(driver);
        driver.Navigate().GoToUrl(new Uri(host.BaseAddress, $"dashboard/?code={LocalHostProcess.OperatorKey}"));

        var started = page.WaitFor(By.CssSelector("#chart-workflows g.series[data-series='started']"), series => series.FindElements(By.CssSelector("rect.bar")).Count > 0, "a bar of started workflows");
        Assert.That(started.Text, Does.Contain("Started").And.Contain("in all"), "the series is named and its total written");
        Assert.That(driver.FindElements(By.CssSelector("#chart-workflows g.series[data-series='completed'] rect.bar")), Is.Not.Empty, "the quality workflow completed");
        Assert.That(driver.FindElement(By.CssSelector("#chart-qc-instruments g.item[data-name='UV-1']")).Text, Does.Contain("UV-1").And.Contain("1"));
        Assert.That(driver.FindElement(By.CssSelector("#chart-qc-checks")).Text, Does.Contain("saturation"));
        Assert.That(driver.FindElement(By.Id("stat-undelivered")).Text, Does.StartWith("1 undelivered"));
        Assert.That(driver.FindElement(By.CssSelector("#chart-top-devices g.item[data-name='chart-pump']")).Text, Does.Contain("2"));
        Assert.That(driver.FindElement(By.CssSelector("#chart-top-devices g.item[data-name='chart-valve']")).Text, Does.Contain("1"));
        Assert.That(driver.FindElement(By.CssSelector("#chart-error-logs g.series[data-series='logs']")).Text, Does.Contain("3 in all"));
        page.Screenshot("charts.png", "The dashboard's charts");
    }
}
