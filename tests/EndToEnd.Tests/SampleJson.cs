using System.Globalization;
using System.Text.Json;

namespace Portable.EndToEnd.Tests;

/// <summary>Spectrophotometer samples as instruments send them: a clean peak at 260 nm, or one with a fault.</summary>
internal static class SampleJson
{
    public static string Clean(string sampleId) => Build(sampleId, nm => 0.05 + Math.Exp(-Math.Pow(nm - 260, 2) / 800));

    /// <summary>A plateau above the saturation threshold from 300 nm on.</summary>
    public static string Saturated(string sampleId) => Saturated(sampleId, "UV-1");

    public static string Saturated(string sampleId, string instrumentId) => Build(sampleId, nm => nm is >= 300 and < 320 ? 3.5 : 0.05, instrumentId);

    public static string Build(string sampleId, Func<int, double> absorbanceAt, string instrumentId = "UV-1")
    {
        var wavelengths = Enumerable.Range(200, 601).ToArray();
        return $$"""
            {"sampleId":{{JsonSerializer.Serialize(sampleId)}},"instrumentId":{{JsonSerializer.Serialize(instrumentId)}},"acquiredAt":"2026-11-23T08:00:00Z",
             "wavelengthsNm":[{{string.Join(",", wavelengths)}}],
             "absorbance":[{{string.Join(",", wavelengths.Select(nm => absorbanceAt(nm).ToString("R", CultureInfo.InvariantCulture)))}}],
             "metadata":{"operator":"e2e"} }
            """;
    }
}
