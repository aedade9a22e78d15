using System.Text.Json;
using Portable.Operator.Api;
using Portable.Operator.Cli;
using Portable.Operator.Output;

namespace Portable.Operator.Commands;

/// <summary><c>get-instances</c> and <c>get-runtime-status</c>: what runs, and where one instance stands.</summary>
internal static class InstanceCommands
{
    public static VerbSpec GetInstances { get; } = new(
        "get-instances",
        "Lists instances, filtered by status, creation time, id prefix and name, page by page.",
        "get-instances [--runtime-status S1,S2] [--created-after T] [--created-before T] [--prefix ID] [--name NAME] [--top N] [--continuation-token T | --all]",
        [
            OptionSpec.Value("--runtime-status", "LIST", $"Only these statuses, comma-separated: {string.Join(", ", RuntimeStatuses.All)}."),
            OptionSpec.Value("--created-after", "TIME", "Only instances created at or after this ISO 8601 time."),
            OptionSpec.Value("--created-before", "TIME", "Only instances created before this ISO 8601 time."),
            OptionSpec.Value("--prefix", "ID", "Only instance ids that start with this (qc-, ORD...)."),
            OptionSpec.Value("--name", "NAME", "Only instances of this workflow (filtered here: the API has no name filter, so a page may show fewer than --top)."),
            OptionSpec.Value("--top", "N", "Page size, 1 to 1000 (default 100)."),
            OptionSpec.Value("--continuation-token", "TOKEN", "Start at the page this token (printed under the previous page) points to."),
            OptionSpec.Flag("--all", "Follow the continuation tokens to the last page."),
            VerbContext.OutputOption,
            .. Connection.Options,
        ],
        ListAsync)
    {
        Notes = ["Oldest created first. Without --all one page is shown, and the command that fetches the next."],
    };

    public static VerbSpec GetRuntimeStatus { get; } = new(
        "get-runtime-status",
        "Shows one instance: status, custom status, input, output, failure.",
        "get-runtime-status <instance-id>",
        [VerbContext.OutputOption, .. Connection.Options],
        StatusAsync)
    {
        MaxPositionals = 1,
    };

    private static async Task<int> ListAsync(VerbContext context)
    {
        var arguments = context.Arguments;
        var query = new InstanceQuery
        {
            Statuses = RuntimeStatuses.Parse(arguments.Value("--runtime-status"), RuntimeStatuses.All),
            CreatedFrom = arguments.Time("--created-after"),
            CreatedTo = arguments.Time("--created-before"),
            InstanceIdPrefix = arguments.Value("--prefix"),
            Top = arguments.Integer("--top", 1, 1000) ?? 100,
        };
        var name = arguments.Value("--name");
        var all = arguments.Flag("--all");
        var token = arguments.Value("--continuation-token");
        if (all && token is not null)
        {
            throw OperatorException.Usage("--all reads every page from the first; it takes no --continuation-token.");
        }

        var json = context.Json;
        var (api, management) = context.Management();
        using var owned = api;
        var instances = new List<JsonElement>();
        do
        {
            var (page, next) = await management.ListAsync(query, token, context.CancellationToken);
            instances.AddRange(page.Where(instance => name is null || InstanceText.Name(instance).Equals(name, StringComparison.OrdinalIgnoreCase)));
            token = next;
        }
        while (all && token is not null);

        if (json)
        {
            JsonOutput.Write(context.Out, writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("instances");
                instances.ForEach(instance => instance.WriteTo(writer));
                writer.WriteEndArray();
                writer.WriteString("continuationToken", token);
                writer.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        var table = new Table("INSTANCE", "NAME", "STATUS", "CREATED", "UPDATED", "CUSTOM STATUS");
        foreach (var instance in instances)
        {
            table.Add(InstanceText.Id(instance), InstanceText.Name(instance), InstanceText.Status(instance), InstanceText.Created(instance), InstanceText.Updated(instance), InstanceText.CustomStatus(instance));
        }

        table.WriteTo(context.Out);
        context.Out.WriteLine($"{instances.Count} instance(s).");
        if (token is not null)
        {
            context.Out.WriteLine($"More: add --continuation-token {token} (or --all).");
        }

        return ExitCodes.Success;
    }

    private static async Task<int> StatusAsync(VerbContext context)
    {
        var id = context.InstanceId();
        var json = context.Json;
        var (api, management) = context.Management();
        using var owned = api;
        var instance = await management.GetAsync(id, showHistory: false, context.CancellationToken);
        if (json)
        {
            JsonOutput.Write(context.Out, instance);
            return ExitCodes.Success;
        }

        var table = new Fields();
        table.Add("Instance", InstanceText.Id(instance));
        table.Add("Name", InstanceText.Name(instance));
        table.Add("Status", InstanceText.Status(instance));
        table.Add("Custom status", InstanceText.CustomStatus(instance));
        table.Add("Created", InstanceText.Created(instance));
        table.Add("Last updated", InstanceText.Updated(instance));
        table.Add("Input", JsonOutput.Compact(JsonFields.Get(instance, "input")));
        table.Add("Output", JsonOutput.Compact(JsonFields.Get(instance, "output")));
        table.Add("Failure", InstanceText.Failure(JsonFields.Get(instance, "failureDetails")));
        table.WriteTo(context.Out);
        return ExitCodes.Success;
    }
}
