namespace Portable.Core.Http;

/// <summary>A host-neutral HTTP request: what every host hands to <see cref="ApiDispatcher"/>.</summary>
public sealed class ApiRequest
{
    /// <summary>The empty map every absent query, header or route-value set shares.</summary>
    internal static readonly IReadOnlyDictionary<string, string> NoValues =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase).AsReadOnly();

    public required string Method { get; init; }

    /// <summary>The path below the route prefix, without a leading slash (for example <c>order/ORD0000001</c>).</summary>
    public required string Path { get; init; }

    /// <summary>Scheme, host and port the client used; links in answers are built on it.</summary>
    public required Uri BaseUri { get; init; }

    public IReadOnlyDictionary<string, string> Query { get; init; } = NoValues;

    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoValues;

    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Set when the body was cut off at <see cref="ApiLimits.MaxBodyBytes"/> by the host.</summary>
    public bool BodyTooLarge { get; init; }

    public IReadOnlyDictionary<string, string> RouteValues { get; internal set; } = NoValues;

    /// <summary>The caller's identity once authenticated (the order token's identity, or the key's role).</summary>
    public string? Identity { get; internal set; }

    /// <summary>What the credential made the caller; handlers narrow what a customer sees by it.</summary>
    public CallerRole Role { get; internal set; }

    /// <summary>The identity whose resources the caller may see, or null for an operator, who sees all.</summary>
    public string? Owner => Role == CallerRole.Operator ? null : Identity;

    /// <summary>The cloud's trace id when the host was given one (for example the Lambda trace header).</summary>
    public string? TraceId { get; init; }

    public string Route(string name) =>
        RouteValues.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Route value '{name}' is not defined.");

    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
