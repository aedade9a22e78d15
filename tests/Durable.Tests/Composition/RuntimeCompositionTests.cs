using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Portable.Adapters.Durable;
using Portable.Adapters.Durable.Store;
using Portable.Adapters.Durable.Worker;
using Portable.Core.Workflows;
using Portable.Durable.Tests.Infrastructure;
using Portable.Durable.Tests.Leases;

namespace Portable.Durable.Tests.Composition;

/// <summary>What a host gets from the runtime's registrations: the worker and the client each on their side of the store, loops only when asked for.</summary>
public sealed class RuntimeCompositionTests
{
    [Test]
    public void The_worker_and_the_drain_need_only_the_worker_side_of_the_store()
    {
        using var database = new SqliteTestDatabase();
        var services = Runtime(database, withWorker: true);
        services.RemoveAll<IOrchestrationClientStore>();
        using var provider = services.BuildServiceProvider();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetServices<IHostedService>(), Has.One.InstanceOf<DurableWorker>());
            Assert.That(provider.GetRequiredService<IDurableDrain>(), Is.InstanceOf<DurableDrain>());
        });
    }

    [Test]
    public void The_client_needs_only_the_client_side_of_the_store()
    {
        using var database = new SqliteTestDatabase();
        var services = Runtime(database, withWorker: false);
        services.RemoveAll<IOrchestrationWorkerStore>();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IWorkflowClient>(), Is.Not.Null);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task A_host_without_the_worker_sets_the_store_up_at_start_runs_no_loops_and_drains_on_demand(CancellationToken cancellationToken)
    {
        using var database = new SqliteTestDatabase();
        await using var host = await DurableTestHost.StartAsync(database, LeaseTests.Register, startWorker: false);

        // Read before anything else touches the file: only the start can have created the schema.
        var tables = await TablesAsync(database.Path, cancellationToken);
        var id = await host.Client.ScheduleNewAsync("Echo", "hi", cancellationToken: cancellationToken);
        var drained = await host.Drain.DrainAsync(cancellationToken);
        var instance = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(tables, Does.Contain("durable_instances"));
            Assert.That(host.HostedServices, Has.None.InstanceOf<DurableWorker>());
            Assert.That(drained, Is.EqualTo(new DrainResult(Steps: 1, Activities: 0, Finished: true)), "the drain ran the step, no loop did");
            Assert.That(instance!.RuntimeStatus, Is.EqualTo(WorkflowRuntimeStatus.Completed));
            Assert.That(host.Read<string>(instance.SerializedOutput), Is.EqualTo("hi"));
        });
    }

    private static ServiceCollection Runtime(SqliteTestDatabase database, bool withWorker)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        database.AddStore(services);
        var registry = new WorkflowRegistry();
        LeaseTests.Register(registry);
        services.AddSingleton(registry);
        services.AddSingleton<IDataConverter>(JsonDataConverter.Default);
        services.AddDurableRuntime();
        if (withWorker)
        {
            services.AddDurableWorker();
        }

        return services;
    }

    private static async Task<List<string>> TablesAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
