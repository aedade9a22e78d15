using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Durable.MySql;
using Portable.Adapters.MySql;

namespace Portable.Bench.Durable;

/// <summary>
/// A durable worker in a process of its own on the bench's MySQL database (this program run with <c>--worker</c>), so
/// that the runtime's scale-out is measured across processes, as it is deployed. It runs until its standard input
/// closes, then stops as a host does.
/// </summary>
internal sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process) => _process = process;

    public static async Task<WorkerProcess> StartAsync(string connectionString, int? orchestrators)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(WorkerProcess).Assembly.Location);
        }

        start.ArgumentList.Add("--worker");
        start.ArgumentList.Add(connectionString);
        if (orchestrators is { } loops)
        {
            start.ArgumentList.Add("--orchestrators");
            start.ArgumentList.Add(loops.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The worker process did not start.");
        var worker = new WorkerProcess(process);
        if (await process.StandardOutput.ReadLineAsync() != "ready")
        {
            await worker.DisposeAsync();
            throw new InvalidOperationException("The worker process did not get ready.");
        }

        return worker;
    }

    /// <summary>The worker's side: runs until standard input closes.</summary>
    public static async Task RunAsync(string connectionString, int? orchestrators)
    {
        await using (await BenchHost.StartAsync(
            services => services.AddMySqlOrchestrationStore(new MySqlStorageOptions { ConnectionString = connectionString }), orchestrators))
        {
            Console.WriteLine("ready");
            await Console.In.ReadToEndAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
