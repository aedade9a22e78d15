using System.Globalization;
using Microsoft.Extensions.Configuration;

using Portable.Core.Metadata;

namespace Portable.Adapters.Aws.Hosting;

/// <summary><c>/api/metadata</c> on Lambda: what the execution environment's reserved variables say about it.</summary>
public static class LambdaMetadata
{
    public static HostMetadata Create(IConfiguration configuration, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var metadata = ProcessHostMetadata.Create(
            time,
            cloud: "aws",
            region: configuration["AWS_REGION"] ?? "unknown",
            functionName: configuration["AWS_LAMBDA_FUNCTION_NAME"] ?? "portable-lambda");
        return metadata with
        {
            // The configured size is what is paid for; the GC's figure would be the cgroup's.
            MemoryMb = long.TryParse(configuration["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], NumberStyles.None, CultureInfo.InvariantCulture, out var memory)
                ? memory
                : metadata.MemoryMb,

            // One log stream per execution environment: the closest thing Lambda has to an instance id.
            InstanceId = configuration["AWS_LAMBDA_LOG_STREAM_NAME"] ?? metadata.InstanceId,
        };
    }
}
