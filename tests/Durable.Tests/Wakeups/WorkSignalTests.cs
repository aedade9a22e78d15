using Portable.Adapters.Durable.Worker;

namespace Portable.Durable.Tests.Wakeups;

public sealed class WorkSignalTests
{
    [Test]
    public void New_work_for_one_instance_wakes_one_waiting_loop_the_one_that_waited_longest()
    {
        var signal = new WorkSignal(loops: 4);
        using var first = signal.Take();
        using var second = signal.Take();
        using var third = signal.Take();

        signal.Announce(1);

        Assert.Multiple(() =>
        {
            Assert.That(first.Woken.IsCompleted, Is.True);
            Assert.That(second.Woken.IsCompleted, Is.False);
            Assert.That(third.Woken.IsCompleted, Is.False);
        });
    }

    [Test]
    public void A_loop_that_found_work_leaves_the_line_and_is_not_woken_for_the_next()
    {
        var signal = new WorkSignal(loops: 4);
        var busy = signal.Take();
        using var idle = signal.Take();
        busy.Dispose();

        signal.Announce(1);

        Assert.Multiple(() =>
        {
            Assert.That(busy.Woken.IsCompleted, Is.False);
            Assert.That(idle.Woken.IsCompleted, Is.True);
        });
    }

    [Test]
    public void Work_announced_while_no_loop_waits_is_kept_for_the_next_loops_up_to_their_number()
    {
        var signal = new WorkSignal(loops: 2);

        signal.Announce(5);
        using var first = signal.Take();
        using var second = signal.Take();
        using var third = signal.Take();

        Assert.Multiple(() =>
        {
            Assert.That(first.Woken.IsCompleted, Is.True);
            Assert.That(second.Woken.IsCompleted, Is.True);
            Assert.That(third.Woken.IsCompleted, Is.False, "more than one wake-up per loop only makes claims that find nothing");
        });
    }
}
