using Microsoft.Extensions.Time.Testing;
using Portable.Core.Orders;

namespace Portable.Core.Tests.Orders;

public sealed class SimulatedPaymentGatewayTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task An_amount_above_the_limit_is_declined_with_the_reason_and_nothing_is_captured()
    {
        var ledger = new InMemoryLedger();
        var gateway = new SimulatedPaymentGateway(ledger, new OrderOptions { PaymentLimit = 100 }, _time);

        var result = await gateway.ChargeAsync(new PaymentCharge("ORD0000001:charge", "ORD0000001", 101), CancellationToken.None);

        Assert.That(result.Captured, Is.False);
        Assert.That(result.DeclineReason, Does.Contain("limit of 100"));
        Assert.That(ledger.Captures, Is.Empty);
    }

    [Test]
    public async Task A_repeated_charge_is_the_same_capture()
    {
        var ledger = new InMemoryLedger();
        var gateway = new SimulatedPaymentGateway(ledger, new OrderOptions(), _time);
        var charge = new PaymentCharge("ORD0000002:charge", "ORD0000002", 50);

        var first = await gateway.ChargeAsync(charge, CancellationToken.None);
        var second = await gateway.ChargeAsync(charge, CancellationToken.None);

        Assert.That(first.Captured, Is.True);
        Assert.That(second.PaymentId, Is.EqualTo(first.PaymentId));
        Assert.That(ledger.Captures, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_first_attempts_fail_transiently_when_told_to()
    {
        var gateway = new SimulatedPaymentGateway(new InMemoryLedger(), new OrderOptions { PaymentTransientFailures = 2 }, _time);
        var charge = new PaymentCharge("ORD0000003:charge", "ORD0000003", 5);

        Assert.ThrowsAsync<PaymentUnavailableException>(() => gateway.ChargeAsync(charge, CancellationToken.None));
        Assert.ThrowsAsync<PaymentUnavailableException>(() => gateway.ChargeAsync(charge, CancellationToken.None));
        var third = await gateway.ChargeAsync(charge, CancellationToken.None);

        Assert.That(third.Captured, Is.True);
    }

    private sealed class InMemoryLedger : IPaymentLedger
    {
        public Dictionary<string, PaymentRecord> Captures { get; } = [];

        public Task<PaymentRecord> CaptureAsync(PaymentCharge charge, DateTimeOffset at, CancellationToken cancellationToken)
        {
            if (!Captures.TryGetValue(charge.ChargeId, out var record))
            {
                record = new PaymentRecord("PAY-" + (Captures.Count + 1), charge.ChargeId, charge.OrderId, charge.Amount, false, at);
                Captures[charge.ChargeId] = record;
            }

            return Task.FromResult(record);
        }

        public Task<bool> RefundAsync(string paymentId, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<IReadOnlyList<PaymentRecord>> ForOrderAsync(string orderId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PaymentRecord>>(Captures.Values.Where(r => r.OrderId == orderId).ToList());
    }
}
