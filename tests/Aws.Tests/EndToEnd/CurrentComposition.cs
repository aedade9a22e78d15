using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Aws.Hosting;
using Portable.Core.Messaging;
using Portable.Core.Workflows;

namespace Portable.Aws.Tests.EndToEnd;

/// <summary>
/// What the composition the bootstrap runs on provides today. Flows that need the durable runtime or a
/// queue provider are skipped, saying why, until the composition registers them, then run by themselves.
/// </summary>
public static class CurrentComposition
{
    private static readonly Lazy<(bool Workflows, bool Queues)> Services = new(() =>
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(Path.GetTempPath(), "portable-probe-" + Guid.NewGuid().ToString("N") + ".db"),
        }).Build();
        using var provider = LambdaHost.BuildServices(configuration, Stream.Null);
        var registered = provider.GetRequiredService<IServiceProviderIsService>();
        return (registered.IsService(typeof(IWorkflowClient)), registered.IsService(typeof(IQueueProvider)));
    });

    public static bool HasWorkflows => Services.Value.Workflows;

    public static bool HasQueueProvider => Services.Value.Queues;

    public static void RequireWorkflows()
    {
        if (!HasWorkflows)
        {
            Assert.Ignore("The composition registers no IWorkflowClient yet: this flow runs once the durable runtime is wired into Adapters/Hosting.");
        }
    }

    public static void RequireQueueProvider()
    {
        if (!HasQueueProvider)
        {
            Assert.Ignore("The composition registers no IQueueProvider yet: this flow runs once the queues are wired into Adapters/Hosting.");
        }
    }
}
