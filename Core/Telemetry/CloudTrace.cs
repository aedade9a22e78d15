using System.Diagnostics;

namespace Portable.Core.Telemetry;

/// <summary>
/// Joins the trace a cloud started before the request reached us. API Gateway and Lambda pass an X-Ray header
/// (<c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1</c>); its root is a W3C trace id
/// once the version and dash are dropped, which is how OpenTelemetry's X-Ray propagator reads it too. A W3C
/// <c>traceparent</c> is accepted as well, so one call serves every host.
/// </summary>
public static class CloudTrace
{
    /// <summary>
    /// The span of one invocation of a handler that no HTTP framework traces (a Lambda queue or schedule handler), joined
    /// to the cloud's trace when <paramref name="traceHeader"/> names one; null when nobody listens.
    /// </summary>
    public static Activity? StartInvocation(string name, ActivityKind kind, string? traceHeader) =>
        PortableTelemetry.Source.StartActivity(name, kind, TryParse(traceHeader, out var parent) ? parent : default);

    /// <summary>Reads an X-Ray trace header or a W3C traceparent; false for anything else.</summary>
    public static bool TryParse(string? header, out ActivityContext context)
    {
        context = default;
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        if (ActivityContext.TryParse(header, null, out context))
        {
            return true;
        }

        string? root = null;
        string? parent = null;
        var sampled = false;
        foreach (var part in header.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                continue;
            }

            var value = part[(separator + 1)..];
            switch (part[..separator])
            {
                case "Root":
                    root = value;
                    break;
                case "Parent":
                    parent = value;
                    break;
                case "Sampled":
                    sampled = value == "1";
                    break;
            }
        }

        // Root = "1-" + 8 hex digits of epoch seconds + "-" + 24 hex digits.
        if (root is not { Length: 35 } || !root.StartsWith("1-", StringComparison.Ordinal) || root[10] != '-'
            || parent is not { Length: 16 } || !IsHex(parent))
        {
            return false;
        }

        var traceId = string.Concat(root.AsSpan(2, 8), root.AsSpan(11));
        if (!IsHex(traceId))
        {
            return false;
        }

        context = new ActivityContext(
            ActivityTraceId.CreateFromString(traceId),
            ActivitySpanId.CreateFromString(parent),
            sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None,
            isRemote: true);
        return true;
    }

    /// <summary>Lower-case hex and not all zeros, as W3C ids must be.</summary>
    private static bool IsHex(string text) =>
        text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f') && text.Any(c => c != '0');
}
