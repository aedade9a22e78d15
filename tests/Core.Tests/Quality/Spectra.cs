using Portable.Core.Quality;

namespace Portable.Core.Tests.Quality;

/// <summary>Synthetic spectra: a smooth peak at 260 nm on a flat baseline, into which tests inject one fault each.</summary>
internal static class Spectra
{
    public const double Baseline = 0.05;

    public static readonly DateTimeOffset AcquiredAt = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    /// <summary>200-800 nm in 1 nm steps; passes every rule under the default options.</summary>
    public static SpectrumSample Clean(string sampleId = "S-0001") => Build(200, 800, CleanAbsorbance, sampleId);

    public static double CleanAbsorbance(double nm) => Baseline + Gaussian(nm, centreNm: 260, height: 1.0, widthNm: 20);

    public static SpectrumSample Build(int fromNm, int toNm, Func<double, double> absorbanceAt, string sampleId = "S-0001")
    {
        var wavelengths = Enumerable.Range(fromNm, toNm - fromNm + 1).Select(nm => (double)nm).ToArray();
        return new SpectrumSample(
            sampleId,
            "UV-1",
            AcquiredAt,
            wavelengths,
            wavelengths.Select(nm => (double?)absorbanceAt(nm)).ToArray(),
            new Dictionary<string, string>());
    }

    public static double Gaussian(double nm, double centreNm, double height, double widthNm) =>
        height * Math.Exp(-Math.Pow(nm - centreNm, 2) / (2 * widthNm * widthNm));

    public static SpectrumSample WithAbsorbance(this SpectrumSample sample, Func<double, double?, double?> change) =>
        sample with { Absorbance = sample.WavelengthsNm.Select((nm, i) => change(nm, sample.Absorbance[i])).ToArray() };

    public static SpectrumSample WithReadingAt(this SpectrumSample sample, double wavelengthNm, double? reading) =>
        sample.WithAbsorbance((nm, current) => nm == wavelengthNm ? reading : current);
}
