using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Exporter;

namespace Portable.Adapters.Telemetry;

/// <summary>The OTLP span exporter, telling <paramref name="progress"/> when each export begins and when it has been answered.</summary>
internal sealed class ReportingOtlpTraceExporter(OtlpExporterOptions options, TraceExportProgress progress) : OtlpTraceExporter(options)
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        // Begun before the batch is read: the SDK's flush sees the spans taken only after this.
        progress.Begin();
        try
        {
            return base.Export(batch);
        }
        finally
        {
            progress.End();
        }
    }
}
