using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Portable.Adapters.Durable;
using Portable.Adapters.MySql;
using Portable.Adapters.Durable.MySql;
using Portable.Adapters.Durable.Sqlite;
using Portable.Core.Workflows;
using Portable.Durable.CrashHost;

// Usage: Portable.Durable.CrashHost sqlite <database file> <effects file>
//        Portable.Durable.CrashHost mysql <effects file>    (the connection string in $PORTABLE_CRASHHOST_MYSQL)
// Runs a worker until killed; prints "ready" once it is claiming work. $PORTABLE_CRASHHOST_CRASH_AFTER names an activity
// after whose code the worker kills itself, before its result is stored (Durable:Faults:CrashAfterActivity).
// $PORTABLE_CRASHHOST_HOLD_AFTER=N: after N recorded effects every later activity waits without recording until the
// process is killed; the first to wait prints "held".
// $PORTABLE_CRASHHOST_LEASE_SECONDS: the leases of orchestrations and activities (1 s by default, for quick fail-over).
var mySql = Environment.GetEnvironmentVariable("PORTABLE_CRASHHOST_MYSQL");
if (!(args is ["sqlite", _, _] || (args is ["mysql", _] && !string.IsNullOrEmpty(mySql))))
{
    await Console.Error.WriteLineAsync("usage: Portable.Durable.CrashHost sqlite <database file> <effects file> | mysql <effects file> (with PORTABLE_CRASHHOST_MYSQL)");
    return 2;
}

var effects = args[^1];

var services = new ServiceCollection();
services.AddLogging();
if (args[0] == "sqlite")
{
    services.AddSqliteOrchestrationStore($"Data Source={args[1]}");
}
else
{
    services.AddMySqlOrchestrationStore(new MySqlStorageOptions { ConnectionString = mySql! });
}

var registry = new WorkflowRegistry();
var holdAfter = Environment.GetEnvironmentVariable("PORTABLE_CRASHHOST_HOLD_AFTER") is { Length: > 0 } hold
    ? int.Parse(hold, System.Globalization.CultureInfo.InvariantCulture)
    : (int?)null;
var lease = Environment.GetEnvironmentVariable("PORTABLE_CRASHHOST_LEASE_SECONDS") is { Length: > 0 } seconds
    ? TimeSpan.FromSeconds(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture))
    : TimeSpan.FromSeconds(1);
var heldOnce = 0;
var readySaid = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
CrashWorkflows.Register(registry, effects, holdAfter, () =>
{
    if (Interlocked.Exchange(ref heldOnce, 1) == 0)
    {
        // After "ready", whichever comes first: the test reads them in that order.
        _ = readySaid.Task.ContinueWith(_ => Console.WriteLine("held"), TaskScheduler.Default);
    }
});
services.AddSingleton(registry);
services.AddSingleton<IDataConverter>(JsonDataConverter.Default);
services.AddDurableRuntime(options =>
{
    options.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
    options.OrchestrationLeaseDuration = lease;
    options.ActivityLeaseDuration = lease;
    options.CrashAfterActivity = Environment.GetEnvironmentVariable("PORTABLE_CRASHHOST_CRASH_AFTER");
});
services.AddDurableWorker();
await using var provider = services.BuildServiceProvider();
foreach (var hosted in provider.GetServices<IHostedService>())
{
    await hosted.StartAsync(CancellationToken.None);
}

Console.WriteLine("ready");
readySaid.SetResult();
await Task.Delay(Timeout.Infinite);
return 0;
