using Portable.Core.Http;
using Portable.Tests.Support;

namespace Portable.Core.Tests.Http;

public sealed class RouteTableTests
{
    private static ApiRoute Route(string method, string template, bool prefixed = true) =>
        new(method + " " + template, method, template, AuthPolicy.Anonymous, (_, _) => ValueTask.FromResult(ApiResponse.Empty(204)), prefixed);

    private static readonly RouteTable Table = new([
        Route("GET", "order/{id}"),
        Route("PUT", "cancel/{id}"),
        Route("GET", "metadata/{*path}"),
        Route("POST", "logs"),
        Route("GET", "logs"),
        Route("GET", "runtime/webhooks/durabletask/instances/{id}", prefixed: false),
    ]);

    [Test]
    public void A_route_defined_twice_in_any_case_is_refused_naming_it()
    {
        var failure = Assert.Throws<ArgumentException>(() => _ = new RouteTable([Route("GET", "logs"), Route("POST", "logs"), Route("GET", "LOGS")]));

        Assert.That(failure?.Message, Does.StartWith("Route GET LOGS is defined twice."));
    }

    [Test]
    public void The_same_template_prefixed_and_at_the_root_are_two_routes()
    {
        var table = new RouteTable([Route("GET", "logs"), Route("GET", "logs", prefixed: false)]);

        Assert.That(table.Match("GET", "logs", prefixed: false).Route, Is.SameAs(table.Routes[1]));
    }

    [Test]
    public void Parameters_are_captured_and_unescaped()
    {
        var match = Table.Match("GET", "order/ORD%200001");

        Assert.That(match.Route!.Template, Is.EqualTo("order/{id}"));
        Assert.That(match.Values["id"], Is.EqualTo("ORD 0001"));
    }

    [Test]
    public void A_catch_all_keeps_the_trailing_slash_and_may_be_empty()
    {
        Assert.That(Table.Match("GET", "metadata/a/b/").Values["path"], Is.EqualTo("a/b/"));
        Assert.That(Table.Match("GET", "metadata/a/b").Values["path"], Is.EqualTo("a/b"));
        Assert.That(Table.Match("GET", "metadata/").Values["path"], Is.EqualTo(""));
    }

    [Test]
    public void A_known_path_under_another_method_lists_the_allowed_methods()
    {
        var match = Table.Match("DELETE", "logs");

        Assert.That(match.Route, Is.Null);
        Assert.That(match.AllowedMethods, Is.EquivalentTo(new[] { "POST", "GET" }));
    }

    [TestCase("order")]
    [TestCase("order/1/extra")]
    [TestCase("orders/1")]
    [TestCase("runtime/webhooks/durabletask/instances/abc")]
    public void Paths_that_do_not_fit_a_template_do_not_match(string path)
    {
        var match = Table.Match("GET", path);

        Assert.That(match.Route, Is.Null);
        Assert.That(match.AllowedMethods, Is.Empty);
    }

    [Test]
    public void Unprefixed_routes_match_only_at_the_root()
    {
        Assert.That(Table.Match("GET", "runtime/webhooks/durabletask/instances/abc", prefixed: false).Values["id"], Is.EqualTo("abc"));
        Assert.That(Table.Match("GET", "logs", prefixed: false).Route, Is.Null);
    }

    [Test]
    public void Literals_match_case_insensitively()
    {
        Assert.That(Table.Match("get", "LOGS").Route!.Method, Is.EqualTo("GET"));
    }

    [Test]
    public void A_route_defined_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => _ = new RouteTable([Route("GET", "logs"), Route("GET", "Logs")]));
    }

    [Test]
    public void The_system_route_table_has_the_foundation_endpoints()
    {
        var routes = CoreRoutes.Table.Routes.Select(route => $"{route.Method} {route.Template}").ToList();

        Assert.That(routes, Is.SupersetOf(new[] { "POST logs", "GET logs", "GET metadata/{*path}" }));
    }
}
