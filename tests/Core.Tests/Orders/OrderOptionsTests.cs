using Portable.Core.Orders;

namespace Portable.Core.Tests.Orders;

public sealed class OrderOptionsTests
{
    [Test]
    public void Defaults_follow_the_seed_a_one_minute_dispatcher()
    {
        var options = BoundOptions.Of<OrderOptions>();

        Assert.That(options.DispatchInterval, Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(options.PaymentTransientFailures, Is.Zero);
    }

    [Test]
    public void Settings_are_read_from_their_keys()
    {
        var options = BoundOptions.Of<OrderOptions>(
            ("Orders:Payment:Limit", "250"),
            ("Orders:Payment:TransientFailures", "2"),
            ("Orders:Payment:MaxAttempts", "7"),
            ("Orders:Payment:FirstRetryInterval", "00:00:00.100"),
            ("Orders:DispatchInterval", "00:00:05"),
            ("Orders:DeliveryDelay", "00:00:01"));

        Assert.That(options.PaymentLimit, Is.EqualTo(250));
        Assert.That(options.PaymentTransientFailures, Is.EqualTo(2));
        Assert.That(options.PaymentMaxAttempts, Is.EqualTo(7));
        Assert.That(options.PaymentFirstRetryInterval, Is.EqualTo(TimeSpan.FromMilliseconds(100)));
        Assert.That(options.DispatchInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(options.DeliveryDelay, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [TestCase("Orders:Payment:Limit", "zero")]
    [TestCase("Orders:Payment:Limit", "0")]
    [TestCase("Orders:Payment:TransientFailures", "-1")]
    [TestCase("Orders:DeliveryDelay", "soon")]
    [TestCase("Orders:DispatchInterval", "-00:01:00")]
    public void A_bad_value_stops_the_host_at_start_naming_its_key(string key, string value) =>
        Assert.That(BoundOptions.Refusal((key, value)), Does.Contain(key));
}
