using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portable.Core.Metadata;
using Portable.Core.Validation;

namespace Portable.Core.Tests.Metadata;

public sealed class NestedKeyLookupTests
{
    // The shape of the seed's instance-metadata example.
    private const string TreeJson = """
        {"ami-id": "", "ami-launch-index": 0, "block-device-mapping": {"ami": "/dev/xvda", "root": "/dev/xvda"},
         "events": {"maintenance": {"history": [], "scheduled": []}}, "services": {"domain": "amazonaws.com", "partition": "aws"},
         "system": "xen", "a": {"b": {"c": "d"}}, "list": ["x", {"y": 1}, null]}
        """;

    private static string Lookup(string path)
    {
        using var tree = JsonDocument.Parse(TreeJson);
        using var written = new MemoryStream();
        using (var json = new Utf8JsonWriter(written))
        {
            NestedKeyLookup.Write(tree.RootElement, path, json);
        }

        return Encoding.UTF8.GetString(written.ToArray());
    }

    [Test]
    public void A_leaf_path_gives_its_value()
    {
        Assert.That(Lookup("system"), Is.EqualTo("\"xen\""));
        Assert.That(Lookup("ami-launch-index"), Is.EqualTo("0"));
        Assert.That(Lookup("a/b/c"), Is.EqualTo("\"d\""));
    }

    [Test]
    public void A_branch_without_trailing_slash_gives_its_keys()
    {
        Assert.That(Lookup("block-device-mapping"), Is.EqualTo("""["ami","root"]"""));
    }

    [Test]
    public void A_branch_with_trailing_slash_gives_the_subtree()
    {
        Assert.That(Lookup("block-device-mapping/"), Is.EqualTo("""{"ami":"/dev/xvda","root":"/dev/xvda"}"""));
        Assert.That(Lookup("a/b/"), Is.EqualTo("""{"c":"d"}"""));
    }

    [Test]
    public void An_empty_path_gives_the_whole_tree()
    {
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(Lookup("")), JsonNode.Parse(TreeJson)), Is.True);
    }

    [Test]
    public void Array_items_are_addressed_by_index()
    {
        Assert.That(Lookup("list"), Is.EqualTo("""["0","1","2"]"""));
        Assert.That(Lookup("list/1/y"), Is.EqualTo("1"));
        Assert.That(Lookup("list/2"), Is.EqualTo("null"));
    }

    [TestCase("nope")]
    [TestCase("a/x")]
    [TestCase("a/b/c/d")]
    [TestCase("list/5")]
    [TestCase("list/-1")]
    public void An_unknown_path_is_not_found_and_says_where(string path)
    {
        Assert.That(() => Lookup(path), Throws.TypeOf<NotFoundException>().With.Message.Contains("No metadata at"));
    }
}
