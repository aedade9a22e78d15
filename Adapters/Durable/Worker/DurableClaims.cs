using System.Diagnostics.Metrics;
using Portable.Core.Telemetry;

namespace Portable.Adapters.Durable.Worker;

/// <summary>
/// The <c>portable.durable.claims</c> counter: every claim of the worker's loops, by the work it looks for
/// (<c>orchestration</c>, <c>activity</c>), what made it look (<see cref="ClaimCause"/>) and whether it found any, so
/// that claims that find nothing can be told apart by their cause.
/// </summary>
internal static class DurableClaims
{
    public const string Name = "portable.durable.claims";

    private static readonly Counter<long> Claims = PortableTelemetry.Meter.CreateCounter<long>(
        Name, description: "Claims of the durable worker's loops, by work, cause and whether they found any.");

    public static void Record(string work, ClaimCause cause, bool found) =>
        Claims.Add(
            1,
            new KeyValuePair<string, object?>("work", work),
            new KeyValuePair<string, object?>("cause", cause switch
            {
                ClaimCause.Start => "start",
                ClaimCause.Signal => "signal",
                ClaimCause.More => "more",
                ClaimCause.Due => "due",
                _ => "poll",
            }),
            new KeyValuePair<string, object?>("found", found));
}
