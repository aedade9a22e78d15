namespace Portable.Adapters.Local.Operability;

/// <summary>
/// How the embedded host writes its console log: plain, coloured lines for a person at a terminal; one JSON object per
/// line, with the scopes, for whatever reads a redirected output (a file, a pipe to <c>jq</c>, a log shipper).
/// <c>Logging:Console:FormatterName</c> (<c>simple</c> or <c>json</c>) overrides the choice either way.
/// </summary>
public static class ConsoleLogFormat
{
    public const string Plain = "simple";
    public const string Json = "json";

    /// <param name="configured"><c>Logging:Console:FormatterName</c>, if set.</param>
    /// <param name="outputIsTerminal">Whether standard output is a terminal (not redirected).</param>
    public static string For(string? configured, bool outputIsTerminal) =>
        string.IsNullOrWhiteSpace(configured) ? (outputIsTerminal ? Plain : Json) : configured.Trim().ToLowerInvariant();
}
