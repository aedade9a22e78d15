using System.Text.Json;
using Portable.Core.Observations;

namespace Portable.Core.Tests.Observations;

public sealed class ObservationsJsonContextTests
{
    [Test]
    public void Serializes_a_result_in_camel_case_with_null_values_kept()
    {
        var result = new ObservationsResult(
            "2020-Q1",
            [new Observation("0:0", "2020-Q1", 99.9), new Observation("0:0", "2020-Q2", null)],
            TestOptions.Start,
            FromCache: true);

        var json = JsonSerializer.Serialize(result, ObservationsJsonContext.Default.ObservationsResult);

        Assert.That(json, Is.EqualTo(
            """{"startPeriod":"2020-Q1","observations":[{"seriesKey":"0:0","period":"2020-Q1","value":99.9},"""
            + """{"seriesKey":"0:0","period":"2020-Q2","value":null}],"fetchedAt":"2024-03-01T09:00:00+00:00","fromCache":true}"""));
    }

    [Test]
    public void Reads_a_token_response_by_its_OAuth2_field_names()
    {
        var token = JsonSerializer.Deserialize(
            """{ "access_token": "abc", "token_type": "Bearer", "expires_in": 3600, "scope": "ignored" }""",
            ObservationsJsonContext.Default.TokenResponse);

        Assert.That(token, Is.EqualTo(new TokenResponse("abc", "Bearer", 3600)));
    }

    [Test]
    public void Printing_a_token_response_never_shows_the_token()
    {
        Assert.That(new TokenResponse("abc123", "Bearer", 3600).ToString(), Does.Not.Contain("abc123").And.Contain("AccessToken = ***"));
    }
}
