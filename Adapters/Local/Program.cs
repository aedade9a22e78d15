using Portable.Adapters.Durable;
using Portable.Adapters.Local;
using Portable.Adapters.Local.Access;
using Portable.Adapters.Local.Idempotency;
using Portable.Adapters.Local.Operability;
using Portable.Adapters.Local.Orders;
using Portable.Adapters.Local.Queues;
using Portable.Adapters.MySql;
using Portable.Adapters.Durable.MySql;
using Portable.Adapters.Sqlite;
using Portable.Adapters.Durable.Sqlite;
using Portable.Adapters.Sqlite.Messaging;
using Portable.Adapters.Sqs;
using Portable.Core;
using Portable.Core.Http;
using Portable.Core.Messaging;
using Portable.Core.Metadata;
using Portable.Core.Storage;
using Portable.Core.Telemetry;

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, EnvironmentName = FunctionsStyleConfiguration.EnvironmentName() });
FunctionsStyleConfiguration.Apply(builder.Configuration, builder.Environment.ContentRootPath, builder.Environment.IsDevelopment());
if (args is ["migrate", ..])
{
    Environment.ExitCode = await MigrateCommand.RunAsync(builder.Configuration, CancellationToken.None);
    return;
}

if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
{
    builder.WebHost.UseUrls(FunctionsStyleConfiguration.DefaultUrl);
}

Program.AddEmbeddedSystem(builder.Services, builder.Configuration, builder.Environment.ContentRootPath);
builder.AddOperability();
builder.Services.AddCredentialRateLimits();

var app = builder.Build();
app.UseRequestGuard();
app.UseRateLimiter();
app.MapOperability();
app.MapRouteTable(app.Services.GetRequiredService<RouteTable>(), FunctionsStyleConfiguration.RoutePrefix(app.Configuration));

// The stand-ins under /dev (among them a webhook that lists every notification key) exist in Development alone.
if (app.Environment.IsDevelopment() && app.Configuration.GetValue("Development:Upstreams", defaultValue: false))
{
    app.MapDevelopmentUpstream();
}

app.Run();

/// <summary>The embedded host: the whole system in one long-running process.</summary>
public partial class Program
{
    /// <summary>
    /// Everything the embedded host runs, chosen here and nowhere else: Core, its stores (one SQLite file, or MySQL by
    /// <c>Storage:Provider</c>), its queues (in that SQLite file, or SQS by <c>Queues:Provider</c>), the project's durable
    /// runtime with its store beside the app's and its worker in this process, and the background work a long-running
    /// host owns: a pump for every queue consumer, the dispatch schedule and the idempotency key sweep.
    /// </summary>
    /// <param name="contentRoot">Relative SQLite paths start here.</param>
    public static IServiceCollection AddEmbeddedSystem(IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddPortableCore(configuration);
        services.AddSingleton(provider => ProcessHostMetadata.Create(provider.GetRequiredService<TimeProvider>()));

        var storage = StorageOptions.From(configuration);
        var sqlitePath = Path.Combine(contentRoot, storage.Sqlite.Path);
        if (storage.Provider == StoreProvider.MySql)
        {
            services.AddMySqlStores(configuration);
            services.AddMySqlOrchestrationStore(configuration);
        }
        else
        {
            var durablePath = StorageOptions.DurablePathBeside(sqlitePath);
            Directory.CreateDirectory(Path.GetDirectoryName(durablePath)!);
            services.AddSqliteStores(sqlitePath);
            services.AddSqliteOrchestrationStore($"Data Source={durablePath}");
        }

        if (QueueOptions.From(configuration).Provider == QueueProvider.Sqs)
        {
            services.AddSqsQueues(configuration);
        }
        else
        {
            services.AddSqliteQueues(sqlitePath);
        }

        services.AddDurableRuntime();
        services.AddDurableWorker();
        services.AddQueuePumps(QueueConsumers.All);
        services.AddHostedService<OrderDispatchSchedule>();
        services.AddHostedService<IdempotencyKeySweepSchedule>();
        services.AddStoreAndQueueTracing();
        return services;
    }
}
