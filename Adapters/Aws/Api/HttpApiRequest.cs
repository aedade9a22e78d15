namespace Portable.Adapters.Aws.Api;

/// <summary>An API Gateway HTTP API proxy event, payload format 2.0 (only the fields this host reads).</summary>
/// <param name="Version"><c>2.0</c>.</param>
/// <param name="RawPath">The path as the client sent it, with the stage in front unless the stage is <c>$default</c>.</param>
/// <param name="Headers">Lower-case names; repeated headers joined with commas.</param>
/// <param name="QueryStringParameters">Decoded; repeated parameters joined with commas.</param>
/// <param name="Cookies">The request's cookies, taken out of its headers.</param>
public sealed record HttpApiRequest(
    string? Version,
    string? RawPath,
    IReadOnlyList<string>? Cookies,
    IReadOnlyDictionary<string, string>? Headers,
    IReadOnlyDictionary<string, string>? QueryStringParameters,
    HttpApiRequestContext? RequestContext,
    string? Body,
    bool IsBase64Encoded);
