namespace Portable.Core.Quality;

/// <summary>One UV-Vis acquisition: absorbance read at each wavelength, as the instrument sent it.</summary>
/// <remarks>
/// The arrays are kept as received, even when misaligned or unsorted, so the checks can report
/// such faults as findings. A null absorbance is a missing (NaN) reading.
/// </remarks>
public sealed record SpectrumSample(
    string SampleId,
    string InstrumentId,
    DateTimeOffset AcquiredAt,
    IReadOnlyList<double> WavelengthsNm,
    IReadOnlyList<double?> Absorbance,
    IReadOnlyDictionary<string, string> Metadata);
