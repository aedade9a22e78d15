using System.Text.Json;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Json;
using Portable.Adapters.Aws.Runtime;
using Portable.Core.Http;

namespace Portable.Adapters.Aws.Api;

/// <summary>
/// The <c>api</c> handler: API Gateway proxy events of either payload format onto Core's route table,
/// so the routes, codes and bodies are those of the embedded host.
/// </summary>
public sealed partial class ApiGatewayHandler(ApiDispatcher dispatcher, LambdaOptions options, ILogger<ApiGatewayHandler> logger) : ILambdaHandler
{
    public async Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var routed = PayloadFormats.Detect(payload.Span) == PayloadFormat.V2
            ? ApiEventMapper.FromHttpApi(HttpApiEventReader.Read(payload.Span), options.RoutePrefix, context.TraceId)
            : ApiEventMapper.FromRestApi(
                JsonSerializer.Deserialize(payload.Span, AwsJsonContext.Default.RestApiRequest) ?? throw new JsonException("The event is null."),
                options.RoutePrefix,
                context.TraceId);

        ApiResponse response;
        try
        {
            response = await dispatcher.DispatchAsync(routed.Request, cancellationToken, routed.Prefixed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // An answer the client can retry on beats Lambda's timeout, which API Gateway turns into a bare 503.
            LogOutOfTime(logger, routed.Request.Method, routed.Request.Path);
            response = ApiResponse.Problem(ProblemDetails.For(503, "The request did not finish in time.", "Try again shortly."))
                .WithHeader("Retry-After", "1");
        }

        return ApiEventMapper.ToProxyResponse(response).ToUtf8Json();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} did not finish before the invocation's deadline")]
    private static partial void LogOutOfTime(ILogger logger, string method, string path);
}
