using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Portable.Core.Telemetry;

/// <summary>
/// The system's one trace source and meter, both named <see cref="Name"/>. They are BCL types, so Core and the
/// adapters record spans and measurements without a telemetry SDK; a host that wants them exported subscribes by name.
/// </summary>
public static class PortableTelemetry
{
    public const string Name = "Portable";

    public static ActivitySource Source { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>A span around one call of a store port; null when nobody listens, so untraced hosts pay nothing.</summary>
    public static Activity? StartStoreCall(string store, string operation)
    {
        var activity = Source.StartActivity($"{store} {operation}", ActivityKind.Client);
        activity?.SetTag("portable.store", store);
        activity?.SetTag("portable.store.operation", operation);
        return activity;
    }

    /// <summary>Marks a span failed with the exception's type and message, as OpenTelemetry's conventions ask.</summary>
    public static void Fail(Activity? activity, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        activity.SetTag("error.type", exception.GetType().FullName);
    }
}
