using Portable.Adapters.Durable.Worker;

namespace Portable.Durable.Tests.Wakeups;

public sealed class WorkSignalTests
{
    [Test]
    public void Announced_work_wakes_the_waiting_loop_and_is_taken_one_claim_at_a_time()
    {
        var signal = new WorkSignal(capacity: 4);
        var waiting = signal.WaitAsync();
        var completedBefore = waiting.IsCompleted;

        signal.Announce(2);

        Assert.Multiple(() =>
        {
            Assert.That(completedBefore, Is.False, "nothing announced yet");
            Assert.That(waiting.IsCompleted, Is.True);
            Assert.That(signal.TryTake(), Is.True, "the first claim");
            Assert.That(signal.TryTake(), Is.True, "the second claim");
            Assert.That(signal.TryTake(), Is.False, "two items, two claims");
            Assert.That(signal.WaitAsync().IsCompleted, Is.False, "all taken: the loop waits again");
        });
    }

    [Test]
    public void Work_announced_while_the_loop_claims_is_kept_for_its_next_look()
    {
        var signal = new WorkSignal(capacity: 4);
        Assert.That(signal.TryTake(), Is.False, "the claim starts with nothing announced");

        signal.Announce(1);

        Assert.Multiple(() =>
        {
            Assert.That(signal.WaitAsync().IsCompleted, Is.True, "the loop looks again at once");
            Assert.That(signal.TryTake(), Is.True);
        });
    }

    [Test]
    public void Announcements_beyond_what_the_loop_can_start_are_not_kept()
    {
        var signal = new WorkSignal(capacity: 2);

        signal.Announce(5);

        Assert.Multiple(() =>
        {
            Assert.That(signal.TryTake(), Is.True);
            Assert.That(signal.TryTake(), Is.True);
            Assert.That(signal.TryTake(), Is.False, "a claim that finds work says itself whether more is ready");
        });
    }
}
