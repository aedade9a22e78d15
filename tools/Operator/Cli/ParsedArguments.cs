using System.Globalization;
using System.Text.Json;

namespace Portable.Operator.Cli;

/// <summary>
/// A verb's command line, read against its <see cref="VerbSpec"/>: <c>--name value</c>, <c>--name=value</c>, flags and
/// positional arguments. Anything the verb does not take, or a value that does not parse, is a usage error naming it.
/// </summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);
    private readonly List<string> _positionals = [];

    private ParsedArguments()
    {
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public static ParsedArguments Parse(IReadOnlyList<string> tokens, VerbSpec verb)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(verb);
        var parsed = new ParsedArguments();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                parsed._positionals.Add(token);
                continue;
            }

            var separator = token.IndexOf('=', StringComparison.Ordinal);
            var name = separator < 0 ? token : token[..separator];
            var option = verb.Options.FirstOrDefault(o => o.Name == name)
                ?? throw OperatorException.Usage($"{verb.Name} does not take {name}; see '{verb.Name} --help'.");
            if (option.IsFlag)
            {
                if (separator >= 0)
                {
                    throw OperatorException.Usage($"{name} is a flag and takes no value.");
                }

                parsed._flags.Add(name);
            }
            else if (separator >= 0)
            {
                parsed._values[name] = token[(separator + 1)..];
            }
            else if (i + 1 < tokens.Count)
            {
                parsed._values[name] = tokens[++i];
            }
            else
            {
                throw OperatorException.Usage($"{name} needs a value ({option.ValueName}).");
            }
        }

        if (parsed._positionals.Count > verb.MaxPositionals)
        {
            throw OperatorException.Usage(verb.MaxPositionals == 0
                ? $"{verb.Name} takes no argument '{parsed._positionals[0]}'; see '{verb.Name} --help'."
                : $"{verb.Name} takes {verb.MaxPositionals} argument(s), given {parsed._positionals.Count}; usage: {verb.Usage}");
        }

        return parsed;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>The first positional argument, named <paramref name="what"/> in the error when it is missing.</summary>
    public string Positional(string what, VerbSpec verb)
    {
        ArgumentNullException.ThrowIfNull(verb);
        return _positionals.Count > 0 && _positionals[0].Length > 0
            ? _positionals[0]
            : throw OperatorException.Usage($"{verb.Name} needs {what}; usage: {verb.Usage}");
    }

    public string Required(string name) =>
        Value(name) is { Length: > 0 } value ? value : throw OperatorException.Usage($"{name} is required.");

    public int? Integer(string name, int min, int max)
    {
        if (Value(name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw OperatorException.Usage($"{name} must be an integer from {min} to {max}; it is '{text}'.");
    }

    public DateTimeOffset? Time(string name)
    {
        if (Value(name) is not { } text)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : throw OperatorException.Usage($"{name} must be an ISO 8601 time such as 2026-12-01T00:00:00Z; it is '{text}'.");
    }

    /// <summary>A duration written <c>90s</c>, <c>15m</c>, <c>12h</c>, <c>30d</c>, or as <c>d.hh:mm:ss</c>.</summary>
    public TimeSpan? Duration(string name)
    {
        if (Value(name) is not { Length: > 0 } text)
        {
            return null;
        }

        var unit = text[^1];
        if (char.IsAsciiLetter(unit) && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? span = unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (span is { } known)
            {
                return known;
            }
        }
        else if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero)
        {
            return parsed;
        }

        throw OperatorException.Usage($"{name} must be a positive duration such as 90s, 15m, 12h, 30d or 1.00:00:00; it is '{text}'.");
    }

    /// <summary>A JSON value given inline, or read from a file written <c>@path</c>; checked here, not by the host.</summary>
    public string? Json(string name)
    {
        if (Value(name) is not { } text)
        {
            return null;
        }

        if (text.StartsWith('@'))
        {
            var path = text[1..];
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw OperatorException.Usage($"{name}: cannot read '{path}': {exception.Message}");
            }
        }

        try
        {
            using var document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw OperatorException.Usage($"{name} is not valid JSON: {exception.Message}");
        }

        return text;
    }
}
