using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Portable.Adapters.Aws.Hosting;
using Portable.Adapters.Aws.Runtime;

namespace Portable.Adapters.Aws.Managed;

/// <summary>
/// The same handlers for the managed <c>dotnet10</c> runtime, as stream handlers
/// (<c>Handler: bootstrap::Portable.Adapters.Aws.Managed.ManagedHandlers::Api</c>), with no Lambda
/// package: the managed runtime passes a stream for the event and takes a stream back.
/// </summary>
/// <remarks>
/// Without <c>ILambdaContext</c> (which would need Amazon.Lambda.Core) these handlers see no deadline or
/// request id; the trace header arrives in <c>_X_AMZN_TRACE_ID</c>. Prefer the custom runtime, which has both.
/// </remarks>
public static class ManagedHandlers
{
    private static readonly Lazy<ServiceProvider> Services =
        new(() => LambdaHost.BuildServices(LambdaHost.BuildConfiguration(), Console.OpenStandardOutput()));

    private static readonly ConcurrentDictionary<string, InvocationRunner> Runners = new(StringComparer.Ordinal);

    public static Task<Stream> Api(Stream input) => InvokeAsync(HandlerNames.Api, input);

    public static Task<Stream> Authorizer(Stream input) => InvokeAsync(HandlerNames.Authorizer, input);

    public static Task<Stream> Queue(Stream input) => InvokeAsync(HandlerNames.Queue, input);

    public static Task<Stream> Schedule(Stream input) => InvokeAsync(HandlerNames.Schedule, input);

    private static async Task<Stream> InvokeAsync(string handler, Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var runner = Runners.GetOrAdd(handler, name => LambdaHost.CreateRunner(Services.Value, name));
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer);
        var invocation = new Invocation(
            Guid.NewGuid().ToString(), DateTimeOffset.MaxValue, null, Environment.GetEnvironmentVariable(RuntimeHeaders.TraceEnvironmentVariable), buffer.ToArray());
        var response = await runner.RunAsync(invocation, CancellationToken.None);
        return new MemoryStream(response, writable: false);
    }
}
