using Portable.Core.Orders;

namespace Portable.Adapters.Tests.Orders;

/// <summary>What every <see cref="IPaymentLedger"/> promises, run against each implementation by a subclass that supplies an empty ledger.</summary>
public abstract class PaymentLedgerContractTests
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero).AddTicks(7);

    protected abstract Task<IPaymentLedger> CreateEmptyLedgerAsync();

    [Test]
    public async Task Concurrent_captures_of_one_charge_capture_once()
    {
        var ledger = await CreateEmptyLedgerAsync();
        var charge = new PaymentCharge("ORD0000001:3", "ORD0000001", 42);

        var records = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => ledger.CaptureAsync(charge, At.AddSeconds(i), CancellationToken.None))));
        var stored = await ledger.ForOrderAsync("ORD0000001", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(records.Distinct(), Has.Exactly(1).Items, "every caller got the one capture");
            Assert.That(stored, Is.EqualTo(records.Take(1)));
            Assert.That(stored[0] with { PaymentId = "", CapturedAt = default }, Is.EqualTo(new PaymentRecord("", "ORD0000001:3", "ORD0000001", 42, false, default)));
        });
    }

    [Test]
    public async Task A_repeated_charge_returns_the_first_capture()
    {
        var ledger = await CreateEmptyLedgerAsync();
        var charge = new PaymentCharge("ORD0000002:1", "ORD0000002", 10);

        var first = await ledger.CaptureAsync(charge, At, CancellationToken.None);
        var again = await ledger.CaptureAsync(charge with { Amount = 999 }, At.AddHours(1), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(first));
            Assert.That(first.CapturedAt, Is.EqualTo(At));
        });
    }

    [Test]
    public async Task A_payment_is_refunded_once()
    {
        var ledger = await CreateEmptyLedgerAsync();
        var payment = await ledger.CaptureAsync(new PaymentCharge("ORD0000003:1", "ORD0000003", 5), At, CancellationToken.None);

        var first = await ledger.RefundAsync(payment.PaymentId, CancellationToken.None);
        var second = await ledger.RefundAsync(payment.PaymentId, CancellationToken.None);
        var unknown = await ledger.RefundAsync("PAY-unknown", CancellationToken.None);
        var stored = await ledger.ForOrderAsync("ORD0000003", CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.True);
            Assert.That(second, Is.False);
            Assert.That(unknown, Is.False);
            Assert.That(stored.Single(), Is.EqualTo(payment with { Refunded = true }));
        });
    }

    [Test]
    public async Task An_orders_captures_are_listed_oldest_first()
    {
        var ledger = await CreateEmptyLedgerAsync();
        var later = await ledger.CaptureAsync(new PaymentCharge("ORD0000004:2", "ORD0000004", 2), At.AddMinutes(5), CancellationToken.None);
        var earlier = await ledger.CaptureAsync(new PaymentCharge("ORD0000004:1", "ORD0000004", 1), At, CancellationToken.None);
        await ledger.CaptureAsync(new PaymentCharge("ORD0000005:1", "ORD0000005", 3), At, CancellationToken.None);

        Assert.That(await ledger.ForOrderAsync("ORD0000004", CancellationToken.None), Is.EqualTo(new[] { earlier, later }));
    }
}
