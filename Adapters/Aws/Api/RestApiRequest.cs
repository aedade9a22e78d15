namespace Portable.Adapters.Aws.Api;

/// <summary>
/// A REST API proxy event (payload format 1.0, also what an HTTP API sends with 1.0 integrations);
/// only the fields this host reads.
/// </summary>
/// <param name="Path">The resource path without the stage.</param>
/// <param name="MultiValueHeaders">Every value of every header; preferred over <paramref name="Headers"/>, which keeps only the last.</param>
public sealed record RestApiRequest(
    string? HttpMethod,
    string? Path,
    IReadOnlyDictionary<string, string?>? Headers,
    IReadOnlyDictionary<string, IReadOnlyList<string>?>? MultiValueHeaders,
    IReadOnlyDictionary<string, string?>? QueryStringParameters,
    IReadOnlyDictionary<string, IReadOnlyList<string>?>? MultiValueQueryStringParameters,
    RestApiRequestContext? RequestContext,
    string? Body,
    bool IsBase64Encoded);
