namespace Portable.Operator.Cli;

/// <summary>The help text, written from the verbs' own specifications so it cannot drift from what they take.</summary>
internal static class Help
{
    public static void WriteOverview(TextWriter writer, IReadOnlyList<VerbSpec> verbs)
    {
        writer.WriteLine($"{OperatorCli.Name}: operate a Portable deployment through its management API (the `func durable` verbs),");
        writer.WriteLine("and smoke-test it end to end.");
        writer.WriteLine();
        writer.WriteLine($"usage: {OperatorCli.Name} <verb> [arguments] [--base-url URL] [--key KEY] [--output table|json]");
        writer.WriteLine();
        writer.WriteLine("verbs:");
        var width = verbs.Max(v => v.Name.Length);
        foreach (var verb in verbs)
        {
            writer.WriteLine($"  {verb.Name.PadRight(width)}  {verb.Summary}");
        }

        writer.WriteLine();
        writer.WriteLine($"'{OperatorCli.Name} <verb> --help' shows a verb's options.");
        WriteExitCodes(writer);
    }

    public static void WriteVerb(TextWriter writer, VerbSpec verb)
    {
        writer.WriteLine($"{verb.Name}: {verb.Summary}");
        writer.WriteLine();
        writer.WriteLine($"usage: {OperatorCli.Name} {verb.Usage}");
        writer.WriteLine();
        writer.WriteLine("options:");
        var width = verb.Options.Max(o => o.Name.Length + (o.ValueName is null ? 0 : o.ValueName.Length + 1));
        foreach (var option in verb.Options)
        {
            var name = option.ValueName is null ? option.Name : $"{option.Name} {option.ValueName}";
            writer.WriteLine($"  {name.PadRight(width)}  {option.Description}");
        }

        if (verb.Notes.Count > 0)
        {
            writer.WriteLine();
            foreach (var note in verb.Notes)
            {
                writer.WriteLine(note);
            }
        }

        WriteExitCodes(writer);
    }

    private static void WriteExitCodes(TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"exit codes: {ExitCodes.Success} done, {ExitCodes.Failed} refused by the host (or a smoke step failed), {ExitCodes.Usage} usage error,");
        writer.WriteLine($"            {ExitCodes.NotFound} not found, {ExitCodes.AuthRefused} key refused, {ExitCodes.Unavailable} host unreachable or failing.");
    }
}
