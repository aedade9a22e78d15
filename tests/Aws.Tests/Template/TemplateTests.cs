using System.Diagnostics;
using System.Text.RegularExpressions;
using Portable.Adapters.Aws.Runtime;
using Portable.Core.Messaging;
using Portable.Tests.Support;

namespace Portable.Aws.Tests.Template;

/// <summary>Adapters/Aws/template.yaml: consistent with the code, and clean under cfn-lint where it is installed.</summary>
public sealed partial class TemplateTests
{
    private static readonly string TemplatePath = Repository.PathOf("Adapters", "Aws", "template.yaml");

    [GeneratedRegex(@"^\s+Handler:\s*(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex HandlerLine();

    [Test]
    public void Every_function_names_a_handler_the_bootstrap_has()
    {
        var handlers = HandlerLine().Matches(File.ReadAllText(TemplatePath)).Select(match => match.Groups[1].Value).ToList();

        Assert.That(handlers.Where(handler => handler != "bootstrap"), Is.EquivalentTo(HandlerNames.All));
    }

    [Test]
    public void Every_queue_of_core_exists_with_a_dead_letter_queue_under_the_prefix_the_functions_use()
    {
        var template = File.ReadAllText(TemplatePath);

        Assert.Multiple(() =>
        {
            Assert.That(template, Does.Contain("Sqs__QueuePrefix: !Sub \"${AWS::StackName}-\""));
            foreach (var queue in QueueNames.All)
            {
                var suffix = QueueNames.IsFifo(queue) ? ".fifo" : "";
                Assert.That(template, Does.Contain($"QueueName: !Sub ${{AWS::StackName}}-{queue}{suffix}"), queue);
                Assert.That(template, Does.Contain($"QueueName: !Sub ${{AWS::StackName}}-{queue}-dlq{suffix}"), queue + " dead-letter queue");
            }

            Assert.That(Regex.Matches(template, "FunctionResponseTypes: \\[ReportBatchItemFailures\\]").Count, Is.EqualTo(Regex.Matches(template, "Type: SQS$", RegexOptions.Multiline).Count));
        });
    }

    [Test]
    public async Task Cfn_lint_finds_no_errors()
    {
        var start = new ProcessStartInfo("cfn-lint", [TemplatePath]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("cfn-lint is not installed (pip install cfn-lint); the template was not linted.");
            return;
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            // cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational.
            Assert.That(process.ExitCode & 2, Is.Zero, output);
        }
    }
}
