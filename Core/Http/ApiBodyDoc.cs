using System.Text.Json.Serialization.Metadata;

namespace Portable.Core.Http;

/// <summary>
/// A request or response body as API descriptions (OpenAPI) show it: the JSON type that is written or read, or,
/// for a body that a hand-written parser reads, the JSON Schema of its wire shape. Neither means any JSON value.
/// </summary>
public sealed record ApiBodyDoc
{
    /// <summary>The body's type, with the naming of the context that really (de)serializes it.</summary>
    public JsonTypeInfo? Type => _type?.Invoke();

    // Read only when a description is written: building a type's metadata costs a native-AOT cold start about a
    // millisecond each, and a function answering its first request needs none of them.
    private Func<JsonTypeInfo>? _type;

    /// <summary>JSON Schema text, for bodies no type describes exactly.</summary>
    public string? Schema { get; init; }

    /// <summary>One value, or an array of them (batch endpoints).</summary>
    public bool OneOrMany { get; init; }

    public string Description { get; init; } = "";

    /// <summary>A body the route accepts, as API references prefill it (a test sends each one to its route).</summary>
    public string? Example { get; init; }

    public static ApiBodyDoc Of(Func<JsonTypeInfo> type, bool oneOrMany = false) => new() { _type = type, OneOrMany = oneOrMany };

    public static ApiBodyDoc OfSchema(string schema, bool oneOrMany = false) => new() { Schema = schema, OneOrMany = oneOrMany };

    public static ApiBodyDoc AnyJson(string description) => new() { Description = description };
}
