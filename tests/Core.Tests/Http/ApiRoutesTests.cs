using System.Text;
using Portable.Core.Dashboard;
using Portable.Core.ErrorLogs;
using Portable.Core.Home;
using Portable.Core.Http;
using Portable.Core.Metadata;
using Portable.Core.Observations;
using Portable.Core.Orders;
using Portable.Core.Quality;
using Portable.Core.Workflows.Management;

namespace Portable.Core.Tests.Http;

/// <summary>The route table is built without its endpoint groups; a request builds only the group that answers it.</summary>
public sealed class ApiRoutesTests
{
    private static readonly HostMetadata Metadata = new("test", "here", "portable", 128, ".NET", "linux", 2, "i-1", DateTimeOffset.UnixEpoch);

    [Test]
    public async Task A_request_builds_only_the_endpoint_group_of_its_route_and_only_once()
    {
        var built = 0;
        var table = ApiRoutes.Create(
            NeverBuilt<ErrorLogEndpoints>,
            NeverBuilt<OrderEndpoints>,
            NeverBuilt<ObservationsEndpoints>,
            () =>
            {
                built++;
                return new MetadataEndpoints(Metadata);
            },
            NeverBuilt<QualityEndpoints>,
            NeverBuilt<ManagementEndpoints>,
            NeverBuilt<HomeEndpoints>,
            NeverBuilt<DashboardEndpoints>);

        Assert.That(built, Is.Zero, "building the table built a group");
        var route = table.Match("GET", "metadata/cloud/region");
        var first = await route.Route!.Handler(Request(route), CancellationToken.None);
        var second = await route.Route.Handler(Request(route), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(Encoding.UTF8.GetString(first.Body.Span), Is.EqualTo("\"here\""));
            Assert.That(Encoding.UTF8.GetString(second.Body.Span), Is.EqualTo("\"here\""));
            Assert.That(built, Is.EqualTo(1));
        });
    }

    [Test]
    public void Every_group_s_routes_are_listed_without_building_it()
    {
        var table = ApiRoutes.Create(
            NeverBuilt<ErrorLogEndpoints>,
            NeverBuilt<OrderEndpoints>,
            NeverBuilt<ObservationsEndpoints>,
            NeverBuilt<MetadataEndpoints>,
            NeverBuilt<QualityEndpoints>,
            NeverBuilt<ManagementEndpoints>,
            NeverBuilt<HomeEndpoints>,
            NeverBuilt<DashboardEndpoints>);

        Assert.That(table.Routes.Select(route => route.Tag).Distinct(), Is.EquivalentTo(new[]
        {
            "Error logs", "Orders", "Observations", "Metadata", "Quality control", "Workflow management", "Home", "Dashboard",
        }));
    }

    private static T NeverBuilt<T>() => throw new AssertionException($"{typeof(T).Name} was built.");

    private static ApiRequest Request(RouteMatch match) => new()
    {
        Method = "GET",
        Path = "metadata/cloud/region",
        BaseUri = new Uri("http://localhost/"),
        RouteValues = match.Values,
    };
}
