using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Portable.Core.Messaging;
using Portable.Core.Workflows;
using Portable.Functions.Durable;

namespace Portable.Functions.Tests.Composition;

/// <summary>What the Functions worker's own composition runs: its triggers do the work, so it starts nothing of its own.</summary>
public sealed class FunctionsCompositionTests
{
    private static ServiceCollection Compose(string root, Dictionary<string, string?> settings)
    {
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        settings["Quality:Notifier:WebhookUrl"] = "http://127.0.0.1:9/hook";
        var services = new ServiceCollection();
        services.AddLogging();
        Program.AddFunctionsSystem(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), root);
        return services;
    }

    [Test]
    public void On_its_embedded_stores_the_worker_runs_no_background_service()
    {
        var root = Directory.CreateTempSubdirectory("functions-composition-").FullName;
        try
        {
            var services = Compose(root, []);

            Assert.That(services.Where(service => service.ServiceType == typeof(IHostedService)), Is.Empty);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void On_MySql_the_only_background_service_is_the_schema_migration_at_start()
    {
        var services = Compose(Path.GetTempPath(), new()
        {
            ["Storage:Provider"] = "MySql",
            ["ConnectionStrings:MySql"] = "Server=127.0.0.1;Port=9;Database=none;User ID=none",
        });

        var hosted = services.Where(service => service.ServiceType == typeof(IHostedService)).Select(service => service.ImplementationType?.Name);
        Assert.That(hosted, Is.EqualTo(new[] { "MySqlMigrationService" }));
    }

    [Test]
    public void Workflows_go_to_Durable_Functions_and_every_queue_has_Cores_consumer()
    {
        var root = Directory.CreateTempSubdirectory("functions-composition-").FullName;
        try
        {
            using var provider = Compose(root, []).BuildServiceProvider();

            Assert.Multiple(() =>
            {
                Assert.That(provider.GetRequiredService<IWorkflowClient>(), Is.TypeOf<DurableWorkflowClient>());
                foreach (var binding in QueueConsumers.All)
                {
                    Assert.That(provider.GetRequiredKeyedService<IQueueConsumer>(binding.Queue), Is.TypeOf(binding.ConsumerType), binding.Queue);
                }
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void Logs_are_json_lines_with_scopes_and_Cores_traces_go_out_over_otlp_when_an_endpoint_is_set()
    {
        var root = Directory.CreateTempSubdirectory("functions-composition-").FullName;
        try
        {
            using var plain = Compose(root, []).BuildServiceProvider();
            using var exported = Compose(root, new() { ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:4317" }).BuildServiceProvider();

            Assert.Multiple(() =>
            {
                Assert.That(plain.GetRequiredService<IOptions<JsonConsoleFormatterOptions>>().Value.IncludeScopes, Is.True);
                Assert.That(plain.GetRequiredService<IOptions<LoggerFactoryOptions>>().Value.ActivityTrackingOptions, Is.EqualTo(ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId));
                Assert.That(plain.GetService<TracerProvider>(), Is.Null, "no endpoint, no SDK");
                Assert.That(exported.GetService<TracerProvider>(), Is.Not.Null);
                Assert.That(exported.GetService<MeterProvider>(), Is.Not.Null);
            });
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void The_worker_ships_neither_the_projects_durable_runtime_nor_its_stores()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<System.Reflection.AssemblyName>([typeof(Program).Assembly.GetName()]);
        while (pending.TryPop(out var name))
        {
            if (!name.Name!.StartsWith("Portable.", StringComparison.Ordinal) || !seen.Add(name.Name))
            {
                continue;
            }

            foreach (var reference in System.Reflection.Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Push(reference);
            }
        }

        Assert.That(seen, Has.None.StartsWith("Portable.Adapters.Durable"));
    }
}
