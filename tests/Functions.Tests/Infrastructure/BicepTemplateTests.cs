using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Portable.Tests.Support;

namespace Portable.Functions.Tests.Infrastructure;

/// <summary>
/// Functions/infra/main.bicep: built and linted by the Bicep CLI (restored from NuGet by this project) with neither an
/// error nor a warning, and consistent with the code it deploys.
/// </summary>
public sealed class BicepTemplateTests
{
    private static readonly string TemplatePath = Repository.PathOf("Functions", "infra", "main.bicep");

    private static string BicepCli =>
        typeof(BicepTemplateTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "BicepCli").Value!;

    [Test]
    [CancelAfter(120_000)]
    public async Task Bicep_build_compiles_the_template_without_an_error_or_a_warning(CancellationToken cancellationToken)
    {
        var (exitCode, output, diagnostics) = await BicepAsync(["build", TemplatePath, "--stdout"], cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, diagnostics);
            Assert.That(diagnostics, Is.Empty);
            // Symbolic resource names (the template defines a function): resources is an object keyed by name.
            Assert.That(JsonDocument.Parse(output).RootElement.GetProperty("resources").EnumerateObject().Count(), Is.GreaterThan(10), "an ARM template came out");
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Bicep_lint_finds_nothing(CancellationToken cancellationToken)
    {
        var (exitCode, output, diagnostics) = await BicepAsync(["lint", TemplatePath], cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, diagnostics);
            Assert.That(output + diagnostics, Is.Empty);
        });
    }

    [Test]
    public void Each_alert_watches_a_line_the_app_logs()
    {
        var template = File.ReadAllText(TemplatePath);
        var queueFunctions = File.ReadAllText(Repository.PathOf("Functions", "Queues", "QueueFunctions.cs"));
        var qualityLog = File.ReadAllText(Repository.PathOf("Core", "Quality", "QualityLog.cs"));

        Assert.Multiple(() =>
        {
            Assert.That(template, Does.Contain("message has \"then moves it to the poison queue\""));
            Assert.That(queueFunctions, Does.Contain("failed on dequeue {DequeueCount}; the host retries it, then moves it to the poison queue"));
            Assert.That(template, Does.Contain("message has \"notification was NOT delivered\""));
            Assert.That(qualityLog, Does.Contain("its notification was NOT delivered after {Attempts} attempts"));
            Assert.That(template, Does.Contain("where dequeue >= 5"), "the poison move comes after host.json's maxDequeueCount");
        });
    }

    [Test]
    public void The_app_runs_on_MySql_with_every_secret_a_Key_Vault_reference()
    {
        var template = File.ReadAllText(TemplatePath);

        Assert.Multiple(() =>
        {
            Assert.That(template, Does.Contain("{ name: 'Storage__Provider', value: 'MySql' }"));
            foreach (var setting in new[] { "AzureWebJobsStorage", "ConnectionStrings__MySql", "ErrorLogs__WriteKey", "ErrorLogs__ReadKey", "Orders__Tokens", "Management__Keys" })
            {
                Assert.That(template, Does.Match($@"\{{ name: '{setting}', value: secretReference\(vault\.properties\.vaultUri, '[a-z-]+'\) \}}"), setting);
            }

            Assert.That(template, Does.Contain("name: 'FC1'").And.Contain("tier: 'FlexConsumption'"));
            Assert.That(template, Does.Contain("name: 'dotnet-isolated'").And.Contain("version: '10.0'"));
        });
    }

    private static async Task<(int ExitCode, string Output, string Diagnostics)> BicepAsync(string[] arguments, CancellationToken cancellationToken)
    {
        var cli = new FileInfo(BicepCli);
        Assert.That(cli.Exists, Is.True, $"The Bicep CLI is restored with this project (PackageDownload Azure.Bicep.CommandLine.linux-x64); {cli.FullName} is missing.");

        // NuGet extracts files without their run bit; the package is the Linux build, so this runs on Linux alone.
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("The Bicep CLI package restored here is the Linux build.");
        }
        else
        {
            File.SetUnixFileMode(cli.FullName, File.GetUnixFileMode(cli.FullName) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        var start = new ProcessStartInfo(cli.FullName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var diagnostics = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await output).Trim(), (await diagnostics).Trim());
    }
}
