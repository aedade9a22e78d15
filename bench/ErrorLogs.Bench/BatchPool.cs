using Portable.Core.ErrorLogs;

namespace Portable.Bench.ErrorLogs;

/// <summary>Batches made before the clock starts, which each worker cycles through, so that measuring never includes making data.</summary>
internal sealed class BatchPool
{
    private const int BatchesPerWorker = 256;

    private readonly ErrorLog[][][] _batches;
    private readonly int[] _positions;

    public BatchPool(int workers, int logsPerBatch)
    {
        _positions = new int[workers];
        _batches = new ErrorLog[workers][][];
        for (var worker = 0; worker < workers; worker++)
        {
            var generator = new LogGenerator(seed: worker);
            var count = Math.Max(1, Math.Min(BatchesPerWorker, 20_000 / logsPerBatch));
            _batches[worker] = Enumerable.Range(0, count).Select(_ => generator.Next(logsPerBatch)).ToArray();
        }
    }

    /// <summary>The next batch of <paramref name="worker"/>; only that worker may call it.</summary>
    public ErrorLog[] Next(int worker)
    {
        var batches = _batches[worker];
        var position = _positions[worker];
        _positions[worker] = (position + 1) % batches.Length;
        return batches[position];
    }
}
