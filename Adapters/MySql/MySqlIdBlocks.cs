using MySqlConnector;

namespace Portable.Adapters.MySql;

/// <summary>
/// Ids for explicit-id inserts, taken from a row of <c>id_sequences</c> a block at a time (hi/lo): one short
/// autocommit UPDATE per block, and none on the insert path, which then knows its ids before it commits.
/// </summary>
/// <remarks>
/// Ids grow within a process; processes sharing a table hold different blocks, so ids across them follow block
/// order, not commit order. Ids of a block a process did not use before it stopped are skipped, as AUTO_INCREMENT
/// skips the ids of rolled-back inserts.
/// </remarks>
public sealed class MySqlIdBlocks(string sequence, int blockSize)
{
    private readonly Lock _lock = new();
    private long _next;
    private long _end;

    public string Sequence => sequence;

    /// <summary>The first of <paramref name="count"/> consecutive ids that no one else will get.</summary>
    public async Task<long> TakeAsync(MySqlConnection connection, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            if (_end - _next >= count)
            {
                var first = _next;
                _next += count;
                return first;
            }
        }

        var size = Math.Max(blockSize, count);
        await using var command = new MySqlCommand("UPDATE id_sequences SET next_id = LAST_INSERT_ID(next_id + @size) WHERE name = @sequence", connection);
        command.Parameters.AddWithValue("@size", size);
        command.Parameters.AddWithValue("@sequence", sequence);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"The id sequence '{sequence}' is missing: apply the migrations (the host's migrate command).");
        }

        // LAST_INSERT_ID(expr) hands the new value back in the OK packet: the block is [end - size, end).
        var end = command.LastInsertedId;
        lock (_lock)
        {
            // Two callers may refill at once: each uses its own block, and the newer one's rest is kept.
            if (end > _end)
            {
                _next = end - size + count;
                _end = end;
            }

            return end - size;
        }
    }
}
