namespace Portable.EndToEnd.Tests;

[NonParallelizable]
public sealed class MetadataApiTests
{
    private LocalHostProcess _host = null!;

    [OneTimeSetUp]
    public async Task StartHost() => _host = await LocalHostProcess.StartAsync();

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task The_whole_tree_a_key_list_a_subtree_and_a_value_follow_the_path_rules()
    {
        var (_, tree, _) = await _host.Client.SendJsonAsync(HttpMethod.Get, "api/metadata/");
        var (_, keys, _) = await _host.Client.SendJsonAsync(HttpMethod.Get, "api/metadata/cloud");
        var (_, subtree, _) = await _host.Client.SendJsonAsync(HttpMethod.Get, "api/metadata/cloud/");
        var (status, value, _) = await _host.Client.SendJsonAsync(HttpMethod.Get, "api/metadata/cloud/provider");

        Assert.That(tree.GetProperty("runtime").GetProperty("framework").GetString(), Does.StartWith(".NET"));
        Assert.That(keys.EnumerateArray().Select(key => key.GetString()), Is.EquivalentTo(new[] { "provider", "region" }));
        Assert.That(subtree.GetProperty("provider").GetString(), Is.EqualTo("local"));
        Assert.That(status, Is.EqualTo(200));
        Assert.That(value.GetString(), Is.EqualTo("local"));
    }

    [Test]
    public async Task An_unknown_key_is_404_problem_details()
    {
        var (status, body, _) = await _host.Client.SendJsonAsync(HttpMethod.Get, "api/metadata/cloud/nope");

        Assert.That(status, Is.EqualTo(404));
        Assert.That(body.GetProperty("detail").GetString(), Does.Contain("cloud/nope"));
    }

    [Test]
    public async Task Unknown_routes_are_404_and_wrong_methods_405()
    {
        Assert.That((await _host.Client.SendJsonAsync(HttpMethod.Get, "api/nothing")).Status, Is.EqualTo(404));
        var (status, _, response) = await _host.Client.SendJsonAsync(HttpMethod.Delete, "api/logs");
        Assert.That(status, Is.EqualTo(405));
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "POST", "GET" }));
    }
}
