using Portable.Adapters.Local.Operability;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>
/// The embedded host's console: plain lines for a terminal, JSON for everything else (the process tests read its
/// redirected output as JSON lines throughout), and the configured formatter whenever one is named.
/// </summary>
public sealed class ConsoleLogFormatTests
{
    [TestCase(null, true, ConsoleLogFormat.Plain)]
    [TestCase(null, false, ConsoleLogFormat.Json)]
    [TestCase(" ", false, ConsoleLogFormat.Json)]
    [TestCase("json", true, ConsoleLogFormat.Json)]
    [TestCase("Simple", false, ConsoleLogFormat.Plain)]
    [TestCase("systemd", true, "systemd")]
    public void The_console_format_follows_the_terminal_unless_one_is_configured(string? configured, bool terminal, string expected) =>
        Assert.That(ConsoleLogFormat.For(configured, terminal), Is.EqualTo(expected));
}
