using System.Text;
using Azure.Core.Serialization;
using Portable.Core.Orders;
using Portable.Functions.Serialization;
using Portable.Functions.Tests.Durable;

namespace Portable.Functions.Tests;

public sealed class CoreObjectSerializerTests
{
    private readonly CoreObjectSerializer _serializer = new(Payloads.Converter, Program.JsonContexts, new JsonObjectSerializer());

    [Test]
    public void CoresTypesAreWrittenAsCoreWritesThem()
    {
        var change = new OrderStatusChange("ORD0000001", OrderStatus.InTransit);

        var written = _serializer.Serialize(change, typeof(object)).ToString();
        var read = _serializer.Deserialize(new MemoryStream(Encoding.UTF8.GetBytes(written)), typeof(OrderStatusChange), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(written, Is.EqualTo(Payloads.Converter.Serialize(change)));
            Assert.That(read, Is.EqualTo(change));
        });
    }

    [Test]
    public void TheWorkersOwnTypesGoToItsDefaultSerializer()
    {
        var written = _serializer.Serialize(new Uncharted(3), typeof(Uncharted)).ToString();

        Assert.Multiple(() =>
        {
            Assert.That(_serializer.Knows(typeof(Uncharted)), Is.False);
            Assert.That(_serializer.Knows(typeof(OrderInput)), Is.True);
            Assert.That(written, Is.EqualTo("""{"Count":3}"""));
        });
    }

    public sealed record Uncharted(int Count);
}
