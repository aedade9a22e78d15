using Portable.Core.Orders;
using Portable.Core.Validation;

namespace Portable.Core.Tests.Orders;

public sealed class OrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static Order NewOrder() =>
        Order.Place(OrderId.FromSequence(7), Portable.Core.Orders.NewOrder.Create("book", 2, null), "dev@example.com", Now);

    [Test]
    public void A_new_order_is_processing_and_remembers_who_ordered_it()
    {
        var order = NewOrder();

        Assert.That(order.Status, Is.EqualTo(OrderStatus.Processing));
        Assert.That(order.OrderedBy, Is.EqualTo("dev@example.com"));
        Assert.That(order.Id.Value, Is.EqualTo("ORD0000007"));
    }

    [Test]
    public void The_happy_path_runs_from_processing_to_completed()
    {
        var order = NewOrder();
        order.MarkPlaced("pay-1", Now);
        order.MarkInTransit(Now);
        order.MarkCompleted(Now.AddMinutes(5));

        Assert.That(order.Status, Is.EqualTo(OrderStatus.Completed));
        Assert.That(order.PaymentId, Is.EqualTo("pay-1"));
        Assert.That(order.UpdatedAt, Is.EqualTo(Now.AddMinutes(5)));
    }

    [Test]
    public void Steps_out_of_order_are_refused()
    {
        var order = NewOrder();

        Assert.Throws<ConflictException>(() => order.MarkInTransit(Now));
        Assert.Throws<ConflictException>(() => order.MarkCompleted(Now));
        order.MarkFailed("declined", Now);
        Assert.Throws<ConflictException>(() => order.MarkPlaced("pay-1", Now));
        Assert.That(order.Status, Is.EqualTo(OrderStatus.Failed));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void An_order_can_be_cancelled_until_it_completes(int steps)
    {
        var order = NewOrder();
        if (steps > 0)
        {
            order.MarkPlaced("pay-1", Now);
        }

        if (steps > 1)
        {
            order.MarkInTransit(Now);
        }

        order.Cancel("customer asked", Now);

        Assert.That(order.Status, Is.EqualTo(OrderStatus.Cancelled));
    }

    [Test]
    public void Cancelling_a_completed_failed_or_cancelled_order_is_a_conflict_with_a_clear_message()
    {
        var completed = NewOrder();
        completed.MarkPlaced("p", Now);
        completed.MarkInTransit(Now);
        completed.MarkCompleted(Now);
        var failed = NewOrder();
        failed.MarkFailed("declined", Now);
        var cancelled = NewOrder();
        cancelled.Cancel("first", Now);

        Assert.That(() => completed.Cancel("late", Now), Throws.TypeOf<ConflictException>().With.Message.Contains("already completed"));
        Assert.That(() => failed.Cancel("late", Now), Throws.TypeOf<ConflictException>().With.Message.Contains("failed"));
        Assert.That(() => cancelled.Cancel("again", Now), Throws.TypeOf<ConflictException>().With.Message.Contains("already cancelled"));
    }

    [Test]
    public void Order_ids_are_ORD_and_seven_digits()
    {
        Assert.That(OrderId.FromSequence(1).Value, Is.EqualTo("ORD0000001"));
        Assert.That(OrderId.FromSequence(9_999_999).Value, Is.EqualTo("ORD9999999"));
        Assert.Throws<InvalidOperationException>(() => OrderId.FromSequence(10_000_000));
        Assert.Throws<InvalidOperationException>(() => OrderId.FromSequence(0));
        Assert.That(OrderId.TryParse("ORD0000123", out var parsed), Is.True);
        Assert.That(parsed.Value, Is.EqualTo("ORD0000123"));
        Assert.That(OrderId.TryParse("ORD123", out _), Is.False);
        Assert.That(OrderId.TryParse("ORDabcdefg", out _), Is.False);
        Assert.That(OrderId.TryParse("XYZ0000123", out _), Is.False);
    }
}
