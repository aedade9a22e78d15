using System.Collections.Concurrent;
using Portable.Operator.Api;
using Portable.Operator.Cli;
using Portable.Operator.Output;

namespace Portable.Operator.Commands;

/// <summary>
/// <c>purge-history</c>: deletes ended instances and their history. The matching instances are listed first (page by
/// page, without their inputs), then deleted one by one, four at a time, so the progress shown is the real count and a
/// purge cut short has deleted exactly what it reported. One id purges that instance alone.
/// </summary>
internal static class PurgeCommand
{
    private const int Parallelism = 4;

    public static VerbSpec Verb { get; } = new(
        "purge-history",
        "Deletes ended instances and their history, by status and age, with progress; or one instance by id.",
        "purge-history [<instance-id>] [--runtime-status S1,S2] [--created-before T | --older-than AGE] [--created-after T] [--prefix ID] [--dry-run]",
        [
            OptionSpec.Value("--runtime-status", "LIST", $"Which ended statuses: {string.Join(", ", RuntimeStatuses.Ended)} (default all three)."),
            OptionSpec.Value("--created-before", "TIME", "Only instances created before this ISO 8601 time (default now)."),
            OptionSpec.Value("--older-than", "AGE", "Only instances created more than this long ago: 90s, 15m, 12h, 30d."),
            OptionSpec.Value("--created-after", "TIME", "Only instances created at or after this ISO 8601 time."),
            OptionSpec.Value("--prefix", "ID", "Only instance ids that start with this."),
            OptionSpec.Flag("--dry-run", "Count what would be purged; delete nothing."),
            VerbContext.OutputOption,
            .. Connection.Options,
        ],
        RunAsync)
    {
        MaxPositionals = 1,
        Notes = ["Running, pending and suspended instances are never purged: terminate them first."],
    };

    private static async Task<int> RunAsync(VerbContext context)
    {
        var arguments = context.Arguments;
        var single = arguments.Positionals.Count == 1 ? arguments.Positionals[0] : null;
        var before = arguments.Time("--created-before");
        var age = arguments.Duration("--older-than");
        if (before is not null && age is not null)
        {
            throw OperatorException.Usage("--created-before and --older-than both bound the creation time; give one.");
        }

        var statuses = RuntimeStatuses.Parse(arguments.Value("--runtime-status"), RuntimeStatuses.Ended);
        var query = new InstanceQuery
        {
            Statuses = statuses.Count > 0 ? statuses : RuntimeStatuses.Ended,
            CreatedFrom = arguments.Time("--created-after"),
            CreatedTo = before ?? (age is { } older ? TimeProvider.System.GetUtcNow() - older : null),
            InstanceIdPrefix = arguments.Value("--prefix"),
            Top = 1000,
        };
        var dryRun = arguments.Flag("--dry-run");
        var json = context.Json;
        var (api, management) = context.Management();
        using var owned = api;

        if (single is not null)
        {
            if (query != new InstanceQuery { Statuses = RuntimeStatuses.Ended, Top = 1000 })
            {
                throw OperatorException.Usage("An instance id purges that instance alone; it takes no filters.");
            }

            var instance = await management.GetAsync(single, showHistory: false, context.CancellationToken);
            var deleted = !dryRun && await management.PurgeAsync(single, context.CancellationToken);
            return Report(context, json, dryRun ? 1 : 0, deleted ? 1 : 0, 0, $"{InstanceText.Id(instance)} ({InstanceText.Status(instance)})");
        }

        var ids = new List<string>();
        string? token = null;
        do
        {
            var (page, next) = await management.ListAsync(query, token, context.CancellationToken);
            ids.AddRange(page.Select(InstanceText.Id).Where(id => id.Length > 0));
            token = next;
        }
        while (token is not null);

        if (dryRun || ids.Count == 0)
        {
            return Report(context, json, ids.Count, 0, 0, null);
        }

        var progress = new Progress(context.Console.Error, context.Console.ErrorIsTerminal, "purged", ids.Count);
        var purged = 0;
        var gone = new ConcurrentBag<string>();
        try
        {
            await Parallel.ForEachAsync(
                ids,
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = context.CancellationToken },
                async (id, cancellationToken) =>
                {
                    if (await management.PurgeAsync(id, cancellationToken))
                    {
                        Interlocked.Increment(ref purged);
                    }
                    else
                    {
                        gone.Add(id);
                    }

                    progress.Advance();
                });
        }
        catch (OperatorException exception)
        {
            progress.Interrupt();
            throw new OperatorException(exception.ExitCode, $"{exception.Message} Purged {purged} of {ids.Count} before it.");
        }

        return Report(context, json, 0, purged, gone.Count, null);
    }

    private static int Report(VerbContext context, bool json, int wouldPurge, int purged, int alreadyGone, string? single)
    {
        var dryRun = context.Arguments.Flag("--dry-run");
        if (json)
        {
            JsonOutput.Write(context.Out, writer =>
            {
                writer.WriteStartObject();
                writer.WriteBoolean("dryRun", dryRun);
                if (dryRun)
                {
                    writer.WriteNumber("wouldPurge", wouldPurge);
                }
                else
                {
                    writer.WriteNumber("instancesDeleted", purged);
                    writer.WriteNumber("alreadyGone", alreadyGone);
                }

                writer.WriteEndObject();
            });
        }
        else if (dryRun)
        {
            context.Out.WriteLine(single is null ? $"Would purge {wouldPurge} instance(s)." : $"Would purge {single}.");
        }
        else
        {
            context.Out.WriteLine(single is null
                ? $"Purged {purged} instance(s)" + (alreadyGone > 0 ? $"; {alreadyGone} were already gone." : ".")
                : $"Purged {single}.");
        }

        return ExitCodes.Success;
    }
}
