using System.Globalization;
using System.Text;

namespace Portable.Operator.Smoke;

/// <summary>UV-Vis spectra as an instrument sends them (seed 003): a clean peak that passes, a saturated plateau that fails.</summary>
internal static class Spectra
{
    public static string Passing(string sampleId) => Sample(sampleId, nm => 0.05 + Math.Exp(-Math.Pow(nm - 260, 2) / 800));

    /// <summary>Absorbance far above the detector's range from 300 to 320 nm: the saturation check fails it.</summary>
    public static string Failing(string sampleId) => Sample(sampleId, nm => nm is >= 300 and < 320 ? 3.5 : 0.05);

    private static string Sample(string sampleId, Func<int, double> absorbanceAt)
    {
        var wavelengths = Enumerable.Range(200, 601).ToList();
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"sampleId\":\"{sampleId}\",\"instrumentId\":\"SMOKE-UV\",\"acquiredAt\":\"{TimeProvider.System.GetUtcNow():yyyy-MM-ddTHH:mm:ssZ}\",");
        json.Append("\"wavelengthsNm\":[").AppendJoin(',', wavelengths).Append("],");
        json.Append("\"absorbance\":[").AppendJoin(',', wavelengths.Select(nm => absorbanceAt(nm).ToString("R", CultureInfo.InvariantCulture))).Append("],");
        json.Append("\"metadata\":{\"operator\":\"smoke\"}}");
        return json.ToString();
    }
}
