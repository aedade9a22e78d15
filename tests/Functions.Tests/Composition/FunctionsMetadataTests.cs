using System.Text.Json;
using Portable.Core.Messaging;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows;
using Portable.Tests.Support;
using Portable.Functions.Http;
using Portable.Functions.Idempotency;
using Portable.Functions.Queues;

namespace Portable.Functions.Tests.Composition;

/// <summary>
/// The functions the Functions host will index, read from the <c>functions.metadata</c> the worker SDK wrote at build
/// (what <c>func azure functionapp publish</c> deploys), held to the full set: a trigger per Core workflow, activity
/// and queue consumer, the dispatch schedule and the idempotency key sweep, the HTTP trigger of the API behind a function key, and the dashboard's
/// admin-level triggers beside its one public trigger for scripts and styles.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly IReadOnlyList<IndexedFunction> Functions = Read();

    [Test]
    public void The_app_indexes_exactly_its_workflows_activities_queue_consumers_schedules_and_api()
    {
        var workflows = new WorkflowRegistry().AddOrderWorkflow().AddQualityWorkflow();
        var expected = workflows.WorkflowNames.Concat(workflows.ActivityNames)
            .Concat([QueueFunctions.OrderDispatchName, QueueFunctions.QualitySamplesName, QueueFunctions.QualityNotificationsName, QueueFunctions.ErrorLogsName])
            .Append(OrderDispatchFunctions.ScheduleName)
            .Append(IdempotencyKeySweepFunctions.ScheduleName)
            .Append(ApiFunction.Name)
            .Concat([DashboardFunctions.PageName, DashboardFunctions.InstancePageName, DashboardFunctions.DataName, DashboardFunctions.AssetName]);

        Assert.That(Functions.Select(function => function.Name), Is.EquivalentTo(expected));
    }

    [Test]
    public void Every_queue_with_a_consumer_on_the_other_hosts_has_a_queue_trigger_on_that_queue()
    {
        var triggered = Functions.SelectMany(function => function.Bindings).Where(binding => binding.Type == "queueTrigger").Select(binding => binding.Detail).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(triggered, Is.EquivalentTo(QueueConsumers.All.Select(binding => binding.Queue)));
            Assert.That(triggered, Does.Contain(QueueNames.QualityNotifications).And.Contain(QueueNames.ErrorLogs));
        });
    }

    [Test]
    public void Workflows_and_activities_have_durable_triggers_under_their_registry_names()
    {
        var workflows = new WorkflowRegistry().AddOrderWorkflow().AddQualityWorkflow();

        Assert.Multiple(() =>
        {
            Assert.That(Named("orchestrationTrigger"), Is.EquivalentTo(workflows.WorkflowNames));
            Assert.That(Named("activityTrigger"), Is.EquivalentTo(workflows.ActivityNames));
            Assert.That(Named("timerTrigger"), Is.EquivalentTo(new[] { OrderDispatchFunctions.ScheduleName, IdempotencyKeySweepFunctions.ScheduleName }));
        });
    }

    [Test]
    public void The_api_asks_a_function_key_the_dashboard_the_admin_key_but_for_its_files_and_management_is_left_to_durable()
    {
        var levels = Functions.Where(function => function.Bindings.Any(binding => binding.Type == "httpTrigger"))
            .ToDictionary(function => function.Name, function => function.Bindings.Single(binding => binding.Type == "httpTrigger").Detail);

        Assert.That(levels, Is.EquivalentTo(new Dictionary<string, string?>
        {
            [ApiFunction.Name] = "Function",
            [DashboardFunctions.PageName] = "Admin",
            [DashboardFunctions.InstancePageName] = "Admin",
            [DashboardFunctions.DataName] = "Admin",
            [DashboardFunctions.AssetName] = "Anonymous",
        }), "no HTTP function of the app's own serves workflow management: Durable's API does, behind its system key");
    }

    /// <summary>
    /// The host tries HTTP routes in the order it registers them, not the most specific first: the API's catch-all must
    /// leave the dashboard's paths to the dashboard's functions, and those must not overlap one another.
    /// </summary>
    [TestCase("dashboard", "DashboardPage")]
    [TestCase("Dashboard/", "DashboardPage")]
    [TestCase("dashboard/instances/ORD0000001", "DashboardInstancePage")]
    [TestCase("dashboard/api/orders/ORD0000001/cancel", "DashboardData")]
    [TestCase("dashboard/api/charts", "DashboardData")]
    [TestCase("dashboard/app.js", "DashboardAsset")]
    [TestCase("order", "Api")]
    [TestCase("order/ORD0000001", "Api")]
    [TestCase("qc/failures", "Api")]
    [TestCase("samples/S-1/notify", "Api")]
    [TestCase("dashboards", "Api")]
    public void Each_path_below_the_route_prefix_is_reached_by_exactly_one_http_function(string path, string function)
    {
        var routes = Functions.Where(candidate => candidate.Route is not null).ToList();

        var matching = routes.Where(candidate => RouteMatches(candidate.Route!, path)).Select(candidate => candidate.Name).ToList();

        Assert.That(matching, Is.EqualTo(new[] { function }));
    }

    [Test]
    public void The_route_prefix_the_dashboard_page_is_written_for_is_the_one_host_json_sets()
    {
        var hostJson = Repository.PathOf("host.json");
        using var document = JsonDocument.Parse(File.ReadAllText(hostJson));

        Assert.That(document.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString(), Is.EqualTo(HttpExchange.RoutePrefix));
    }

    /// <summary>
    /// Matches a path as ASP.NET Core's route templates do, for the shapes the app uses: literal segments (any case),
    /// one-segment parameters, a final catch-all with an optional <c>regex(...)</c> constraint (case-insensitive, and
    /// not met by an empty value), and a trailing slash ignored.
    /// </summary>
    private static bool RouteMatches(string template, string path)
    {
        var segments = path.TrimEnd('/').Split('/');
        var parts = template.Split('/');
        for (var index = 0; index < parts.Length; index++)
        {
            var part = parts[index];
            if (part.StartsWith("{*", StringComparison.Ordinal))
            {
                var rest = string.Join('/', segments.Skip(index));
                var constraint = part.IndexOf(":regex(", StringComparison.Ordinal);
                return constraint < 0
                    || (rest.Length > 0 && System.Text.RegularExpressions.Regex.IsMatch(rest, part[(constraint + ":regex(".Length)..^2], System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant));
            }

            if (index >= segments.Length || segments[index].Length == 0)
            {
                return false;
            }

            if (!part.StartsWith('{') && !string.Equals(part, segments[index], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return segments.Length == parts.Length;
    }

    private static IEnumerable<string> Named(string triggerType) =>
        Functions.Where(function => function.Bindings.Any(binding => binding.Type == triggerType)).Select(function => function.Name);

    private static List<IndexedFunction> Read()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(function => new IndexedFunction(
            function.GetProperty("name").GetString()!,
            function.GetProperty("bindings").EnumerateArray().Where(binding => binding.GetProperty("type").GetString() == "httpTrigger")
                .Select(binding => binding.GetProperty("route").GetString()).SingleOrDefault(),
            [.. function.GetProperty("bindings").EnumerateArray().Select(binding => new IndexedBinding(
                binding.GetProperty("type").GetString()!,
                binding.TryGetProperty("queueName", out var queue) ? queue.GetString()
                : binding.TryGetProperty("authLevel", out var level) ? level.GetString()
                : null))]))];
    }

    /// <param name="Route">An HTTP trigger's route template below the route prefix.</param>
    private sealed record IndexedFunction(string Name, string? Route, IReadOnlyList<IndexedBinding> Bindings);

    /// <param name="Detail">A queue trigger's queue, an HTTP trigger's authorization level.</param>
    private sealed record IndexedBinding(string Type, string? Detail);
}
