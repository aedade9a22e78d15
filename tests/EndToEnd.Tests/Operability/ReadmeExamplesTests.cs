using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Portable.Tests.Support;

namespace Portable.EndToEnd.Tests.Operability;

/// <summary>
/// The README's curl examples, run as written (in the order written) against the embedded host on its development
/// credentials: each answers the status its comment documents (<c># 400 ...</c> on the next line), or a 2xx.
/// </summary>
[NonParallelizable]
public sealed partial class ReadmeExamplesTests
{
    private const string ReadmeHost = "localhost:7071";

    /// <summary>The development credentials the README's examples use, instead of the test host's own.</summary>
    private static readonly Dictionary<string, string> DevelopmentCredentials = new()
    {
        ["ErrorLogs__WriteKey"] = "dev-write-key",
        ["ErrorLogs__ReadKey"] = "dev-read-key",
        ["Orders__Tokens"] = "dev-token=dev@example.com;ops-token=ops@example.com",
        ["Quality__LabKey"] = "dev-lab-key",
        ["Management__Keys"] = "dev-operator-key",
    };

    [Test]
    public void The_readme_has_curl_examples_with_documented_statuses()
    {
        var examples = Examples();

        Assert.That(examples, Has.Count.GreaterThanOrEqualTo(15));
        Assert.That(examples.Where(example => example.Status is not null).Select(example => example.Status), Does.Contain(400).And.Contain(202).And.Contain(200));
    }

    [Test]
    public async Task Every_curl_example_of_the_readme_answers_its_documented_status()
    {
        await using var host = await LocalHostProcess.StartAsync(DevelopmentCredentials);
        var failures = new List<string>();

        foreach (var example in Examples())
        {
            // A comment at the end of the line would swallow the options the runner appends.
            var command = TrailingComment().Replace(example.Command, "").Replace(ReadmeHost, host.BaseAddress.Authority, StringComparison.Ordinal);
            var idempotent = !PostOrPut().IsMatch(command);
            var status = await RunAsync(command);
            // A documented status that comes with time (a purge once the instance has ended) is waited for; a request
            // that changes something is sent once.
            for (var attempt = 0; idempotent && !Answers(example, status) && attempt < 60; attempt++)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                status = await RunAsync(command);
            }

            if (!Answers(example, status))
            {
                failures.Add($"{example.Command}\n  answered {status}, documented {example.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "2xx"}");
            }
        }

        Assert.That(failures, Is.Empty);
    }

    private static bool Answers(Example example, int status) => example.Status is { } documented ? status == documented : status is >= 200 and < 300;

    private static async Task<int> RunAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", command + " -s -o /dev/null -w '%{http_code}'"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return int.TryParse(output.Trim(), out var status) ? status : -1;
    }

    /// <summary>The curl commands of the README's bash blocks that call the embedded host, each with the status of a <c># NNN</c> comment right after it.</summary>
    private static List<Example> Examples()
    {
        var examples = new List<Example>();
        var inBash = false;
        var pending = new StringBuilder();
        foreach (var line in File.ReadLines(Repository.PathOf("README.md")))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBash = !inBash && line.Trim() == "```bash";
                continue;
            }

            if (!inBash)
            {
                continue;
            }

            if (pending.Length > 0)
            {
                pending.Append('\n').Append(line);
            }
            else if (line.StartsWith("curl ", StringComparison.Ordinal) && line.Contains(ReadmeHost, StringComparison.Ordinal))
            {
                pending.Append(line);
            }
            else
            {
                if (examples.Count > 0 && examples[^1].Status is null && StatusComment().Match(line) is { Success: true } comment)
                {
                    examples[^1] = examples[^1] with { Status = int.Parse(comment.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) };
                }

                continue;
            }

            var text = pending.ToString();
            if (!text.EndsWith('\\') && text.Count(c => c == '\'') % 2 == 0)
            {
                examples.Add(new Example(text.Replace("\\\n", " ", StringComparison.Ordinal), null));
                pending.Clear();
            }
        }

        return examples;
    }

    [GeneratedRegex(@"^#\s*(\d{3})\b")]
    private static partial Regex StatusComment();

    [GeneratedRegex(@"\s+#\s[^'""]*$")]
    private static partial Regex TrailingComment();

    [GeneratedRegex(@"-X (POST|PUT)\b")]
    private static partial Regex PostOrPut();

    private sealed record Example(string Command, int? Status);
}
