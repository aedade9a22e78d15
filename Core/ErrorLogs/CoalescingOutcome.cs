namespace Portable.Core.ErrorLogs;

/// <summary>How a flush of <see cref="CoalescingErrorLogStore"/> ended, to be handed to each of its callers.</summary>
internal sealed record CoalescingOutcome(CoalescingAppend[] Appends, IReadOnlyList<long>? Ids, Exception? Failure)
{
    /// <summary>Gives each caller its own ids, in the order its logs were flushed, or the failure.</summary>
    public void Complete()
    {
        var offset = 0;
        foreach (var append in Appends)
        {
            if (Ids is null)
            {
                append.Fail(Failure!);
                continue;
            }

            var own = new long[append.Logs.Count];
            for (var i = 0; i < own.Length; i++)
            {
                own[i] = Ids[offset + i];
            }

            offset += own.Length;
            append.Succeed(own);
        }
    }
}
