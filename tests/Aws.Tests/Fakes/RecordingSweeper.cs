using Portable.Adapters.Aws.Schedule;

namespace Portable.Aws.Tests.Fakes;

public sealed class RecordingSweeper(int woken) : IDurableSweeper
{
    public int Calls { get; private set; }

    public Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(woken);
    }
}
