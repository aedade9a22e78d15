using Portable.Core.Orders;
using Portable.Core.Workflows;

namespace Portable.Core.Tests.Orders;

/// <summary>A status change's result through the workflows' data converter, as histories record it.</summary>
public sealed class OrderStatusChangeResultTests
{
    private static readonly JsonDataConverter Converter = new(CoreJsonContexts.Workflows);

    [TestCase("true", true)]
    [TestCase("false", false)]
    public void A_result_recorded_before_cancel_requests_existed_still_reads(string recorded, bool changed)
    {
        var result = Converter.Deserialize<OrderStatusChangeResult>(recorded);

        Assert.That(result, Is.EqualTo(new OrderStatusChangeResult(changed)));
    }

    [Test]
    public void A_refusal_for_a_recorded_cancel_round_trips_with_its_request()
    {
        var refused = new OrderStatusChangeResult(false, new CancelRequest("alice@example.com", new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero)));

        var read = Converter.Deserialize<OrderStatusChangeResult>(Converter.Serialize(refused));

        Assert.That(read, Is.EqualTo(refused));
    }

    [Test]
    public void A_change_round_trips_without_a_request()
    {
        var read = Converter.Deserialize<OrderStatusChangeResult>(Converter.Serialize(new OrderStatusChangeResult(true)));

        Assert.That(read, Is.EqualTo(new OrderStatusChangeResult(true)));
    }

    [Test]
    public void A_result_is_written_in_camelCase_and_one_recorded_in_PascalCase_still_reads()
    {
        var written = Converter.Serialize(new OrderStatusChangeResult(true));
        var recorded = Converter.Deserialize<OrderStatusChangeResult>(
            """{"Changed":false,"CancelRequested":{"RequestedBy":"alice@example.com","RequestedAt":"2026-12-06T10:00:00+00:00"}}""");

        Assert.That(written, Is.EqualTo("""{"changed":true,"cancelRequested":null}"""));
        Assert.That(recorded, Is.EqualTo(new OrderStatusChangeResult(false, new CancelRequest("alice@example.com", new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero)))));
    }

    [Test]
    public void Anything_else_is_refused()
    {
        Assert.Catch(() => Converter.Deserialize<OrderStatusChangeResult>("\"PLACED\""));
    }
}
