using System.Text;
using Portable.Core.Orders;
using Portable.Core.Validation;

namespace Portable.Core.Tests.Orders;

public sealed class NewOrderTests
{
    private static NewOrder Parse(string json) => NewOrder.Parse(Encoding.UTF8.GetBytes(json));

    [Test]
    public void The_seed_request_shape_is_accepted()
    {
        var order = Parse("""{"Item":"test_item","Amount":100,"Description":"Description for item_test"}""");

        Assert.That(order.Item, Is.EqualTo("test_item"));
        Assert.That(order.Amount, Is.EqualTo(100));
        Assert.That(order.Description, Is.EqualTo("Description for item_test"));
    }

    [Test]
    public void Description_is_optional_and_names_match_case_insensitively()
    {
        var order = Parse("""{"item":"pen","amount":1}""");

        Assert.That(order.Description, Is.Null);
        Assert.That(order.Item, Is.EqualTo("pen"));
    }

    [TestCase("""{"Amount":1}""", "item")]
    [TestCase("""{"Item":"","Amount":1}""", "item")]
    [TestCase("""{"Item":"   ","Amount":1}""", "item")]
    [TestCase("""{"Item":5,"Amount":1}""", "item")]
    [TestCase("""{"Item":"a"}""", "amount")]
    [TestCase("""{"Item":"a","Amount":0}""", "amount")]
    [TestCase("""{"Item":"a","Amount":-3}""", "amount")]
    [TestCase("""{"Item":"a","Amount":1.5}""", "amount")]
    [TestCase("""{"Item":"a","Amount":"1"}""", "amount")]
    [TestCase("""{"Item":"a","Amount":1,"Description":7}""", "description")]
    [TestCase("""{"Item":"a","Amount":1,"Price":7}""", "Price")]
    [TestCase("""[1]""", "body")]
    [TestCase("""{"Item":""", "body")]
    public void Bad_requests_name_the_field(string json, string field)
    {
        var errors = Assert.Throws<ValidationException>(() => Parse(json))!.Errors;

        Assert.That(errors.Keys, Does.Contain(field));
    }

    [Test]
    public void Item_and_description_lengths_are_bounded()
    {
        Assert.That(() => NewOrder.Create(new string('i', 200), 1, new string('d', 1000)), Throws.Nothing);
        Assert.That(() => NewOrder.Create(new string('i', 201), 1, null), Throws.TypeOf<ValidationException>());
        Assert.That(() => NewOrder.Create("i", 1, new string('d', 1001)), Throws.TypeOf<ValidationException>());
    }

    [Test]
    public void Every_bad_field_is_reported_at_once()
    {
        var errors = Assert.Throws<ValidationException>(() => Parse("""{"Amount":0,"Description":7}"""))!.Errors;

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "item", "amount", "description" }));
    }
}
