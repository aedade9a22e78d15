using Microsoft.Extensions.Configuration;
using OpenTelemetry.Exporter;
using Portable.Core.Settings;

namespace Portable.Adapters.Telemetry;

/// <summary>
/// Whether and where traces, metrics and logs are exported (<c>Telemetry:*</c>, with the standard <c>OTEL_*</c> variables
/// standing in for unset keys). The endpoint is <c>Telemetry:OtlpEndpoint</c>, else <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>;
/// the protocol <c>Telemetry:OtlpProtocol</c> or <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> (<c>grpc</c>, the default, or
/// <c>http/protobuf</c>); the service name <c>OTEL_SERVICE_NAME</c>, else <c>Telemetry:ServiceName</c>. Without an
/// endpoint nothing is recorded or sent unless <c>Telemetry:Enabled</c> is true (an in-process exporter, as tests add).
/// </summary>
public sealed record TelemetryOptions : IValidatedOptions
{
    public const string Section = "Telemetry";

    public bool? Enabled { get; set; }

    public string? ServiceName { get; set; }

    public string? OtlpEndpoint { get; set; }

    public string? OtlpProtocol { get; set; }

    /// <summary>
    /// <c>Telemetry:FlushTimeout</c>: the most a host that is frozen between invocations (Lambda) waits, before answering
    /// each one, for its spans to be exported.
    /// </summary>
    public TimeSpan FlushTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The OTLP endpoint, when one is set.</summary>
    public Uri? Endpoint => string.IsNullOrWhiteSpace(OtlpEndpoint) ? null : new Uri(OtlpEndpoint, UriKind.Absolute);

    public OtlpExportProtocol Protocol => IsHttpProtobuf(OtlpProtocol) ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;

    public bool IsEnabled => Enabled ?? Endpoint is not null;

    public string ServiceNameOrDefault => string.IsNullOrWhiteSpace(ServiceName) ? "portable" : ServiceName;

    /// <summary>Read in the host's composition, which registers telemetry only when it is on; a bad value stops the host with its key.</summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        options.OtlpEndpoint = Set(options.OtlpEndpoint) ?? Set(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        options.OtlpProtocol = Set(options.OtlpProtocol) ?? Set(configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        options.ServiceName = Set(configuration["OTEL_SERVICE_NAME"]) ?? Set(options.ServiceName);
        return options.ThrowIfInvalid();
    }

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrWhiteSpace(OtlpEndpoint) && !Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out _))
        {
            yield return $"{Section}:OtlpEndpoint (or OTEL_EXPORTER_OTLP_ENDPOINT) must be an absolute URL; it is '{OtlpEndpoint}'.";
        }

        if (FlushTimeout <= TimeSpan.Zero || FlushTimeout > TimeSpan.FromSeconds(30))
        {
            yield return $"{Section}:FlushTimeout must be more than zero and at most 00:00:30; it is {FlushTimeout}.";
        }

        if (!string.IsNullOrWhiteSpace(OtlpProtocol) && !IsHttpProtobuf(OtlpProtocol) && !OtlpProtocol.Trim().Equals("grpc", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{Section}:OtlpProtocol (or OTEL_EXPORTER_OTLP_PROTOCOL) must be grpc or http/protobuf; it is '{OtlpProtocol}'.";
        }
    }

    private static bool IsHttpProtobuf(string? protocol) => protocol?.Trim().Equals("http/protobuf", StringComparison.OrdinalIgnoreCase) == true;

    private static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
