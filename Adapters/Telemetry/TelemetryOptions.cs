using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;

namespace Portable.Adapters.Telemetry;

/// <summary>
/// Whether and where traces, metrics and logs are exported. The endpoint is <c>Telemetry:OtlpEndpoint</c>, else the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; the protocol <c>Telemetry:OtlpProtocol</c> or
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>grpc</c>, the default, or <c>http/protobuf</c>). Without an endpoint nothing
/// is recorded or sent unless <c>Telemetry:Enabled</c> is true (an in-process exporter, as tests add).
/// </summary>
public sealed record TelemetryOptions(bool Enabled, string ServiceName, Uri? OtlpEndpoint, OtlpExportProtocol OtlpProtocol)
{
    public static TelemetryOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var endpointText = configuration["Telemetry:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        Uri? endpoint = null;
        if (!string.IsNullOrWhiteSpace(endpointText) && !Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint))
        {
            throw new InvalidOperationException($"Telemetry:OtlpEndpoint must be an absolute URL; it is '{endpointText}'.");
        }

        var protocol = (configuration["Telemetry:OtlpProtocol"] ?? configuration["OTEL_EXPORTER_OTLP_PROTOCOL"])?.Trim().ToUpperInvariant() switch
        {
            null or "" or "GRPC" => OtlpExportProtocol.Grpc,
            "HTTP/PROTOBUF" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new InvalidOperationException($"Telemetry:OtlpProtocol must be grpc or http/protobuf; it is '{other}'."),
        };
        var enabled = bool.TryParse(configuration["Telemetry:Enabled"], out var flag) ? flag : endpoint is not null;
        var serviceName = configuration["OTEL_SERVICE_NAME"] ?? configuration["Telemetry:ServiceName"] ?? "portable";
        return new TelemetryOptions(enabled, serviceName, endpoint, protocol);
    }
}
