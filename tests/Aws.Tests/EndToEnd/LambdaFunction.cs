using System.Text.Json;
using Portable.Aws.Tests.Emulator;
using Portable.Tests.Support;

namespace Portable.Aws.Tests.EndToEnd;

/// <summary>One deployed function, locally: its own Runtime API and a bootstrap process with one <c>_HANDLER</c>.</summary>
public sealed class LambdaFunction : IAsyncDisposable
{
    private LambdaFunction(RuntimeApiEmulator emulator, ChildProcess process)
    {
        Emulator = emulator;
        Process = process;
    }

    public RuntimeApiEmulator Emulator { get; }

    /// <summary>The bootstrap's process (<see cref="BootstrapProcess"/>).</summary>
    public ChildProcess Process { get; }

    public static LambdaFunction Start(string handler, IReadOnlyDictionary<string, string> settings)
    {
        var emulator = RuntimeApiEmulator.Start();
        return new LambdaFunction(emulator, BootstrapProcess.Start(emulator.Endpoint, handler, settings));
    }

    public Task<InvocationOutcome> InvokeAsync(string eventJson, TimeSpan? timeout = null, string? traceId = null) =>
        Emulator.InvokeAsync(eventJson, timeout, traceId);

    /// <summary>Invokes and parses the response, failing the test (with the process's output) on an invocation error.</summary>
    public async Task<JsonElement> InvokeJsonAsync(string eventJson, TimeSpan? timeout = null, string? traceId = null)
    {
        var outcome = await InvokeAsync(eventJson, timeout, traceId);
        if (!outcome.Succeeded)
        {
            Assert.Fail($"The invocation failed ({outcome.ErrorType}): {outcome.Body}\n{Process.Output}");
        }

        return JsonDocument.Parse(outcome.Body).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Process.Dispose();
        await Emulator.DisposeAsync();
    }
}
