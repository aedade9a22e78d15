using System.Diagnostics;
using System.Text.RegularExpressions;
using Portable.Adapters.Aws.Runtime;
using Portable.Core.Dashboard;
using Portable.Core.Http;
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

    [GeneratedRegex(@"^            Method: (\S+)\n            Path: (\S+)\n            PayloadFormatVersion: ""2.0""\n(?:            Auth:\n              Authorizer: (\w+)\n)?", RegexOptions.Multiline)]
    private static partial Regex ApiEvent();

    [Test]
    public void Every_dashboard_route_is_reached_through_the_operator_authorizer_unless_it_is_public()
    {
        var events = ApiEvent().Matches(File.ReadAllText(TemplatePath))
            .Select(match => (Method: match.Groups[1].Value, Segments: match.Groups[2].Value.Trim('/').Split('/'), Authorizer: match.Groups[3].Value))
            .ToList();

        Assert.Multiple(() =>
        {
            foreach (var route in DashboardEndpoints.Routes(() => throw new InvalidOperationException("Not built to list routes.")))
            {
                var path = Regex.Replace(route.Template, @"\{\*?[a-z]+\}", "x1").Split('/');

                // API Gateway's choice: a route without a greedy variable before one with, then the most literal segments, then its own method before ANY.
                var chosen = events.Where(candidate => (candidate.Method == route.Method || candidate.Method == "ANY") && Reaches(candidate.Segments, path))
                    .OrderByDescending(candidate => !candidate.Segments[^1].EndsWith("+}", StringComparison.Ordinal))
                    .ThenByDescending(candidate => candidate.Segments.Count(segment => !segment.StartsWith('{')))
                    .ThenByDescending(candidate => candidate.Method == route.Method)
                    .Select(candidate => candidate.Authorizer)
                    .ToList();
                Assert.That(chosen, Is.Not.Empty, $"{route.Method} {route.Template}: no API route reaches it");
                Assert.That(chosen.FirstOrDefault(), Is.EqualTo(route.Policy == AuthPolicy.Anonymous ? "" : "OperatorAuthorizer"), $"{route.Method} {route.Template}");
            }
        });
    }

    private static bool Reaches(string[] pattern, string[] path)
    {
        for (var index = 0; index < pattern.Length; index++)
        {
            if (pattern[index].EndsWith("+}", StringComparison.Ordinal))
            {
                return path.Length > index;
            }

            if (index >= path.Length || (!pattern[index].StartsWith('{') && !string.Equals(pattern[index], path[index], StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return pattern.Length == path.Length;
    }

    [GeneratedRegex(@"^      DashboardBody: !Sub \|\n((?:        .*\n|\n)+)", RegexOptions.Multiline)]
    private static partial Regex DashboardBody();

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)(?:\.([A-Za-z]+))?\}")]
    private static partial Regex Substitution();

    [GeneratedRegex(@"^  ([A-Za-z0-9]+):\n    Type: (\S+)", RegexOptions.Multiline)]
    private static partial Regex Resource();

    [GeneratedRegex(@"MetricName: (\S+)\n\s+MetricValue")]
    private static partial Regex FilteredMetric();

    [GeneratedRegex(@"\$\.eventName = ""([A-Za-z]+)""")]
    private static partial Regex FilteredEvent();

    [Test]
    public void The_dashboard_charts_only_metrics_queues_functions_and_alarms_the_template_has()
    {
        var template = File.ReadAllText(TemplatePath);
        var resources = Resource().Matches(template).ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value);
        var filtered = FilteredMetric().Matches(template).Select(match => match.Groups[1].Value).ToHashSet();
        var body = DashboardBody().Match(template);
        Assert.That(body.Success, Is.True, "the dashboard's body is a !Sub block");

        // Each ${Resource} or ${Resource.Attribute} becomes "<Type>|<Resource>|<Attribute>", so the JSON says what it names.
        var unknown = new List<string>();
        var json = Substitution().Replace(body.Groups[1].Value, match =>
        {
            var name = match.Groups[1].Value;
            if (name == "AWS")
            {
                return "aws";
            }

            if (!resources.TryGetValue(name, out var type))
            {
                unknown.Add(name);
            }

            return $"{type}|{name}|{match.Groups[2].Value}";
        }).Replace("${AWS::StackName}", "stack").Replace("${AWS::Region}", "region");
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var metrics = document.RootElement.GetProperty("widgets").EnumerateArray()
            .Where(widget => widget.GetProperty("type").GetString() == "metric")
            .SelectMany(widget => widget.GetProperty("properties").GetProperty("metrics").EnumerateArray())
            .Select(metric => metric.EnumerateArray().Where(part => part.ValueKind == System.Text.Json.JsonValueKind.String).Select(part => part.GetString()!).ToList())
            .ToList();
        var alarms = document.RootElement.GetProperty("widgets").EnumerateArray()
            .Where(widget => widget.GetProperty("type").GetString() == "alarm")
            .SelectMany(widget => widget.GetProperty("properties").GetProperty("alarms").EnumerateArray().Select(alarm => alarm.GetString()!))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(unknown, Is.Empty, "substitutions that name no resource");
            foreach (var metric in metrics)
            {
                var text = string.Join(" ", metric);
                switch (metric[0])
                {
                    case "Portable/stack":
                        Assert.That(filtered, Does.Contain(metric[1]), $"{text}: a metric filter makes it");
                        break;
                    case "AWS/SQS":
                        Assert.That(metric[2..], Is.EqualTo(new[] { "QueueName", metric[3] }));
                        Assert.That(metric[3], Does.Match(@"^AWS::SQS::Queue\|[A-Za-z]+\|QueueName$"), text);
                        break;
                    case "AWS/Lambda":
                        Assert.That(metric[2], Is.EqualTo("FunctionName"), text);
                        Assert.That(metric[3], Does.Match(@"^AWS::Serverless::Function\|[A-Za-z]+\|$"), text);
                        break;
                    default:
                        Assert.Fail($"{text}: a namespace the template does not feed");
                        break;
                }
            }

            var deadLetterQueues = resources.Where(resource => resource.Value == "AWS::SQS::Queue" && resource.Key.EndsWith("DeadLetterQueue", StringComparison.Ordinal))
                .Select(resource => $"AWS::SQS::Queue|{resource.Key}|QueueName");
            Assert.That(metrics.Select(metric => metric.ElementAtOrDefault(3)), Is.SupersetOf(deadLetterQueues), "every dead-letter queue's depth is charted");
            Assert.That(alarms, Is.EquivalentTo(resources.Where(resource => resource.Value == "AWS::CloudWatch::Alarm").Select(resource => $"AWS::CloudWatch::Alarm|{resource.Key}|Arn")), "every alarm is on the dashboard");
        });
    }

    [Test]
    public void Every_event_a_metric_filter_counts_is_a_log_line_the_code_writes()
    {
        var events = FilteredEvent().Matches(File.ReadAllText(TemplatePath)).Select(match => match.Groups[1].Value).Distinct().ToList();
        var sources = new[] { "Core", "Adapters" }
            .SelectMany(folder => Directory.EnumerateFiles(Repository.PathOf(folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        Assert.That(events, Is.Not.Empty);
        Assert.That(
            events.Where(name => !sources.Any(source => Regex.IsMatch(source, $@"\[LoggerMessage\([^\]]*\)\]\s*(?:public|private|internal)?\s*static partial void {name}\("))),
            Is.Empty,
            "event names with no [LoggerMessage] method of that name");
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
