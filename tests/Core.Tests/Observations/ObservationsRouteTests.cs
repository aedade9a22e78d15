using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portable.Core.Http;
using Portable.Tests.Support;

namespace Portable.Core.Tests.Observations;

/// <summary>
/// A host without the statistics API's settings still builds its route table; only the observations route says what is
/// missing. A partial or malformed set of them stops the host instead.
/// </summary>
public sealed class ObservationsRouteTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["Observations:BaseUrl"] = "https://stats.example.com/data",
        ["Observations:TokenUrl"] = "https://auth.example.com/token",
        ["Observations:ClientId"] = "client",
        ["Observations:ClientSecret"] = "secret",
    };

    [Test]
    public async Task Without_its_settings_the_route_answers_503_naming_the_missing_keys_and_the_other_routes_are_served()
    {
        await using var services = CoreRoutes.Services();
        var dispatcher = services.GetRequiredService<ApiDispatcher>();

        var observations = await dispatcher.DispatchAsync(Get("observations"), CancellationToken.None);
        var metadata = await dispatcher.DispatchAsync(Get("metadata/cloud/provider"), CancellationToken.None);

        var detail = JsonDocument.Parse(observations.Body).RootElement.GetProperty("detail").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(observations.StatusCode, Is.EqualTo(503));
            Assert.That(observations.ContentType, Does.StartWith("application/problem+json"));
            Assert.That(detail, Does.Contain("Observations:BaseUrl").And.Contain("Observations:TokenUrl").And.Contain("Observations:ClientId").And.Contain("Observations:ClientSecret"));
            Assert.That(metadata.StatusCode, Is.EqualTo(200));
        });
    }

    [Test]
    public void A_malformed_setting_stops_the_host_naming_the_key() =>
        Assert.That(
            BoundOptions.Refusal([.. Complete.Select(setting => (setting.Key, setting.Value)), ("Observations:BaseUrl", "ftp://stats.example.com")]),
            Does.Contain("Observations:BaseUrl must be an absolute http or https URL"));

    [Test]
    public void Some_settings_without_the_others_stop_the_host_naming_what_is_missing() =>
        Assert.That(
            BoundOptions.Refusal(("Observations:BaseUrl", "https://stats.example.com/data")),
            Does.Contain("Observations:TokenUrl, Observations:ClientId, Observations:ClientSecret must be set too"));

    [Test]
    public async Task With_its_settings_the_route_table_builds_with_the_configured_service()
    {
        await using var services = CoreRoutes.Services(Complete);

        Assert.That(services.GetRequiredService<RouteTable>().Routes.Select(route => route.Name), Does.Contain("GetObservations"));
    }

    private static ApiRequest Get(string path) => new() { Method = "GET", Path = path, BaseUri = new Uri("http://localhost:7071") };
}
