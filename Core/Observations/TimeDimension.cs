namespace Portable.Core.Observations;

/// <summary>
/// The TIME_PERIOD dimension of an SDMX structure: its value ids, and where it sits in an observation key
/// of <paramref name="ObservationDimensionCount"/> parts.
/// </summary>
internal sealed record TimeDimension(string[] Periods, int Position, int ObservationDimensionCount);
