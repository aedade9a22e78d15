using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portable.Adapters.Durable;
using Portable.Adapters.Sqlite.Durable;
using Portable.Durable.CrashHost;

// Usage: Portable.Durable.CrashHost <database file> <effects file>
// Runs a worker until killed; prints "ready" once it is claiming work.
if (args.Length != 2)
{
    await Console.Error.WriteLineAsync("usage: Portable.Durable.CrashHost <database file> <effects file>");
    return 2;
}

var services = new ServiceCollection();
services.AddLogging();
services.AddSqliteOrchestrationStore($"Data Source={args[0]}");
services.AddDurableRuntime(registry => CrashWorkflows.Register(registry, args[1]), options =>
{
    options.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
    options.OrchestrationLeaseDuration = TimeSpan.FromSeconds(1);
    options.ActivityLeaseDuration = TimeSpan.FromSeconds(1);
});
await using var provider = services.BuildServiceProvider();
foreach (var hosted in provider.GetServices<IHostedService>())
{
    await hosted.StartAsync(CancellationToken.None);
}

Console.WriteLine("ready");
await Task.Delay(Timeout.Infinite);
return 0;
