using System.Diagnostics;
using Portable.Tests.Support;

namespace Portable.Aws.Tests.EndToEnd;

/// <summary>
/// The real bootstrap as its own process, pointed at an emulated Runtime API: the JIT build
/// (<c>dotnet bootstrap.dll</c>) by default, or the native one named by <c>PORTABLE_AWS_BOOTSTRAP</c>.
/// </summary>
public static class BootstrapProcess
{
    public const string NativeBootstrapVariable = "PORTABLE_AWS_BOOTSTRAP";

    public static ChildProcess Start(string runtimeApi, string handler, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var native = Environment.GetEnvironmentVariable(NativeBootstrapVariable);
        var start = string.IsNullOrEmpty(native) ? new ProcessStartInfo("dotnet", [JitBootstrap()]) : new ProcessStartInfo(native);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        start.Environment["_HANDLER"] = handler;
        start.Environment["AWS_REGION"] = "us-east-2";
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "portable-e2e-" + handler;
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "128";
        start.Environment["AWS_LAMBDA_LOG_STREAM_NAME"] = "2026/11/24/[$LATEST]" + Guid.NewGuid().ToString("N");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        return ChildProcess.Start(start);
    }

    /// <summary>The JIT build of the bootstrap, built with the tests (Adapters/Aws/bin/&lt;Configuration&gt;/net10.0).</summary>
    public static string JitBootstrap()
    {
        var path = Repository.PathOf("Adapters", "Aws", "bin", Repository.Configuration, Repository.TargetFramework, "bootstrap.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build Adapters/Aws first.", path);
    }
}
