using Portable.Core.Workflows;

namespace Portable.Durable.CrashHost;

/// <summary>
/// Workflows shared by the crash host and the tests that kill it. Each activity appends its
/// idempotency key to an effects file, so a test can see which side effects ran and how often.
/// </summary>
public static class CrashWorkflows
{
    public const string Sequence = "CrashSequence";
    public const int StepsPerInstance = 5;

    // Concurrent appends from one process may overwrite each other; one at a time keeps every line.
    private static readonly SemaphoreSlim EffectsLock = new(1, 1);

    /// <param name="holdAfterEffects">
    /// When set, once this many effects are recorded every later activity records nothing and waits until the process
    /// ends, after calling <paramref name="held"/>: a kill then lands with the work certainly unfinished.
    /// </param>
    public static void Register(WorkflowRegistry registry, string effectsPath, int? holdAfterEffects = null, Action? held = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var recorded = 0;
        registry
            .AddWorkflow<int, string>(Sequence, async (context, input) =>
            {
                var parts = new List<string>();
                for (var step = 0; step < StepsPerInstance; step++)
                {
                    parts.Add(await context.CallActivityAsync<string>("RecordEffect", $"{input}-{step}"));
                }

                return string.Join(",", parts);
            })
            .AddActivity<string, string>("RecordEffect", async (activity, value, cancellationToken) =>
            {
                await Task.Delay(20, cancellationToken);
                bool hold;
                await EffectsLock.WaitAsync(cancellationToken);
                try
                {
                    hold = recorded >= holdAfterEffects;
                    if (!hold)
                    {
                        await File.AppendAllTextAsync(effectsPath, $"{activity.IdempotencyKey} {value}\n", cancellationToken);
                        recorded++;
                    }
                }
                finally
                {
                    EffectsLock.Release();
                }

                if (hold)
                {
                    held?.Invoke();
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                return value;
            });
    }
}
