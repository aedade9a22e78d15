using Microsoft.Extensions.Hosting;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Runtime;

namespace Portable.Adapters.Aws.Hosting;

/// <summary>
/// The custom runtime's entry point: builds the host, reports a failure to build it as an init error,
/// then runs the invocation loop until shutdown. A non-zero exit makes Lambda start a new process.
/// </summary>
public static class LambdaBootstrap
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    public const string HandlerVariable = "_HANDLER";

    /// <summary>Where Lambda finds the external extensions it starts beside the runtime (the layers' executables).</summary>
    public const string ExtensionsDirectory = "/opt/extensions";

    public static async Task<int> RunAsync()
    {
        var endpoint = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            await Console.Error.WriteLineAsync($"{RuntimeApiVariable} is not set: the bootstrap runs inside Lambda, or against a Runtime API emulator.");
            return 2;
        }

        RuntimeApiClient client;
        try
        {
            client = new RuntimeApiClient(endpoint);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync($"{RuntimeApiVariable}: {exception.Message}");
            return 2;
        }

        using var owned = client;
        using var stopping = new CancellationTokenSource();
        using var sigterm = ExpectsShutdownSignal(ExtensionsDirectory)
            ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stopping.Cancel();
            })
            : null;

        ServiceProvider? services = null;
        InvocationRunner runner;
        try
        {
            var configuration = LambdaHost.BuildConfiguration();
            services = LambdaHost.BuildServices(configuration, Console.OpenStandardOutput());
            runner = LambdaHost.CreateRunner(services, configuration[HandlerVariable]);

            // What a long-running host does when it starts, done once in the init phase: the durable store's set-up (SQLite;
            // MySQL checks its schema at the first use instead). No loop starts: this composition has no background work.
            // Resolved only where some are registered: for the enumerable, native AOT builds the array type at run time.
            if (services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(IHostedService)))
            {
                foreach (var service in services.GetServices<IHostedService>())
                {
                    await service.StartAsync(stopping.Token);
                }
            }
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"Initialization failed: {exception}");
            var errorType = exception is UnknownHandlerException ? "Runtime.NoSuchHandler" : "Runtime.InitError";
            try
            {
                client.SendInitError(RuntimeError.From(exception), errorType, CancellationToken.None);
            }
            catch (RuntimeApiException report)
            {
                await Console.Error.WriteLineAsync($"The init error could not be reported: {report.Message}");
            }

            if (services is not null)
            {
                await services.DisposeAsync();
            }

            return 1;
        }

        await using (services)
        {
            var runtime = new LambdaRuntime(client, runner, services.GetRequiredService<ILogger<LambdaRuntime>>());
            try
            {
                runtime.Run(stopping.Token);
                return 0;
            }
            catch (RuntimeApiException exception)
            {
                // The Runtime API is gone or broken: exit, and Lambda starts a fresh process.
                await Console.Error.WriteLineAsync($"The Runtime API failed: {exception.Message}");
                return 1;
            }
        }
    }

    /// <summary>
    /// Whether Lambda will send SIGTERM before it shuts this execution environment down: only when the function has
    /// external extensions; otherwise the process is stopped without notice. The stop is graceful (the loop ends, the
    /// services are disposed) only where the signal can come, since handling it starts the runtime's signal thread,
    /// about 0.5 ms of a cold start.
    /// </summary>
    internal static bool ExpectsShutdownSignal(string extensionsDirectory) =>
        Directory.Exists(extensionsDirectory) && Directory.EnumerateFileSystemEntries(extensionsDirectory).Any();
}
