using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>
/// The waits and artifacts of the dashboard's browser tests. Every wait polls the condition it is for (an element's
/// state, an alert) and looks the element up afresh on each poll, so the page's refresh redrawing a row between two
/// polls is a retry, never a stale-element failure. Screenshots go to <see cref="ArtifactDirectory"/>, printed and
/// attached to the test result.
/// </summary>
internal sealed class BrowserSession(ChromeDriver driver)
{
    private static readonly TimeSpan PageWait = TimeSpan.FromSeconds(30);

    public ChromeDriver Driver => driver;

    public static string ArtifactDirectory => Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts");

    /// <summary>Waits until <paramref name="selector"/> finds an element that <paramref name="ready"/> accepts.</summary>
    public IWebElement WaitFor(By selector, Func<IWebElement, bool> ready, string what) =>
        Until(d => d.FindElements(selector).FirstOrDefault(element => ready(element)), what);

    /// <summary>Waits until <paramref name="condition"/> answers something other than null or false.</summary>
    public T Until<T>(Func<IWebDriver, T?> condition, string what)
    {
        var wait = new WebDriverWait(driver, PageWait) { Message = what };
        wait.IgnoreExceptionTypes(typeof(StaleElementReferenceException), typeof(NoSuchElementException));
        try
        {
            return wait.Until(d => condition(d))!;
        }
        catch (WebDriverTimeoutException)
        {
            Screenshot("timeout.png", "The page when the wait for " + what + " ended");
            throw;
        }
    }

    /// <summary>Waits for a confirmation dialog and accepts it, answering its text.</summary>
    public string Confirm()
    {
        var alert = Until<IAlert?>(d =>
        {
            try
            {
                return d.SwitchTo().Alert();
            }
            catch (NoAlertPresentException)
            {
                return null;
            }
        }, "a confirmation dialog");
        var text = alert!.Text ?? "";
        alert.Accept();
        return text;
    }

    public void Screenshot(string name, string description)
    {
        Directory.CreateDirectory(ArtifactDirectory);
        var path = Path.Combine(ArtifactDirectory, TestContext.CurrentContext.Test.MethodName + "-" + name);
        driver.GetScreenshot().SaveAsFile(path);
        TestContext.Progress.WriteLine($"Screenshot: {path}");
        TestContext.AddTestAttachment(path, description);
    }
}
