using Portable.Core.Idempotency;

namespace Portable.Core.Tests.Idempotency;

public sealed class IdempotencyOptionsTests
{
    [Test]
    public void By_default_keys_are_kept_a_day_and_a_sweep_deletes_up_to_a_hundred_batches_of_a_thousand()
    {
        var options = BoundOptions.Of<IdempotencyOptions>();

        Assert.That((options.Window, options.SweepBatchSize, options.SweepMaxBatches), Is.EqualTo((TimeSpan.FromDays(1), 1000, 100)));
    }

    [Test]
    public void The_sweep_settings_are_read_from_their_keys()
    {
        var options = BoundOptions.Of<IdempotencyOptions>(("Idempotency:Sweep:BatchSize", "250"), ("Idempotency:Sweep:MaxBatches", "7"));

        Assert.That((options.SweepBatchSize, options.SweepMaxBatches), Is.EqualTo((250, 7)));
    }

    [TestCase("Idempotency:Sweep:BatchSize", "0")]
    [TestCase("Idempotency:Sweep:BatchSize", "100001")]
    [TestCase("Idempotency:Sweep:BatchSize", "many")]
    [TestCase("Idempotency:Sweep:MaxBatches", "0")]
    [TestCase("Idempotency:Window", "-01:00:00")]
    public void A_bad_value_stops_the_host_at_start_naming_its_key(string key, string value) =>
        Assert.That(BoundOptions.Refusal((key, value)), Does.Contain(key));
}
