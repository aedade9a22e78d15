using OpenQA.Selenium.Chrome;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>
/// Debian's headless Chromium driven through its own chromedriver (the two come from one Debian version, so they
/// always match; nothing is downloaded). Missing, the browser tests are skipped with the command that installs them,
/// unless <c>PORTABLE_REQUIRE_BROWSER=1</c> says they must run.
/// </summary>
internal static class Chromium
{
    public const string InstallCommand = "apt-get install -y chromium chromium-driver";

    private static string BrowserPath => Environment.GetEnvironmentVariable("PORTABLE_CHROMIUM") ?? "/usr/bin/chromium";

    private static string DriverPath => Environment.GetEnvironmentVariable("PORTABLE_CHROMEDRIVER") ?? "/usr/bin/chromedriver";

    /// <summary>Skips (or, when required, fails) the test when the browser or its driver is missing.</summary>
    public static void Require()
    {
        var missing = new[] { BrowserPath, DriverPath }.Where(path => !File.Exists(path)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var reason = $"Chromium is not installed ({string.Join(", ", missing)} missing); install it with: {InstallCommand}";
        if (Environment.GetEnvironmentVariable("PORTABLE_REQUIRE_BROWSER") == "1")
        {
            Assert.Fail(reason);
        }

        Assert.Ignore(reason);
    }

    /// <summary>A fresh headless browser with its own profile directory; the flags are those that let Chromium run as root, offline, quietly.</summary>
    public static ChromeDriver Start(string profileDirectory)
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1700",
            "--user-data-dir=" + profileDirectory);
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
    }
}
