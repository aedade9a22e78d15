namespace Portable.EndToEnd.Tests;

[NonParallelizable]
public sealed class QualityCheckApiTests
{
    private LocalHostProcess _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await LocalHostProcess.StartAsync();

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task A_clean_sample_passes_with_no_findings()
    {
        var (status, verdict, _) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/qc/check", SampleJson.Clean("S-clean"));

        Assert.That(status, Is.EqualTo(200));
        Assert.That(verdict.GetProperty("sampleId").GetString(), Is.EqualTo("S-clean"));
        Assert.That(verdict.GetProperty("passed").GetBoolean(), Is.True);
        Assert.That(verdict.GetProperty("findings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_saturated_sample_fails_with_a_finding_at_the_wavelength_where_it_starts()
    {
        var (status, verdict, _) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/qc/check", SampleJson.Saturated("S-sat"));

        Assert.That(status, Is.EqualTo(200));
        Assert.That(verdict.GetProperty("passed").GetBoolean(), Is.False);
        var finding = verdict.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("rule").GetString() == "saturation");
        Assert.That(finding.GetProperty("severity").GetString(), Is.EqualTo("Error"));
        Assert.That(finding.GetProperty("wavelengthNm").GetDouble(), Is.EqualTo(300));
    }

    [Test]
    public async Task An_array_gets_one_verdict_per_sample_in_order()
    {
        var (status, verdicts, _) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/qc/check", $"[{SampleJson.Clean("S-1")},{SampleJson.Saturated("S-2")}]");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(verdicts.EnumerateArray().Select(v => v.GetProperty("passed").GetBoolean()), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public async Task A_sample_without_an_id_is_400_naming_sampleId()
    {
        var (status, body, _) = await _host.Client.SendJsonAsync(HttpMethod.Post, "api/qc/check", SampleJson.Clean("S-x").Replace("\"sampleId\":\"S-x\",", "", StringComparison.Ordinal));

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body.GetProperty("errors").TryGetProperty("sampleId", out _), Is.True, body.ToString());
    }
}
