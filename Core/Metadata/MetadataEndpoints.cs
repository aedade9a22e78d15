using System.Buffers;
using System.Text.Json;
using Portable.Core.Http;

namespace Portable.Core.Metadata;

/// <summary>The host metadata API of seed 002 (challenges 2 and 3).</summary>
public sealed class MetadataEndpoints(HostMetadata metadata)
{
    public static IEnumerable<ApiRoute> Routes(Func<MetadataEndpoints> endpoints)
    {
        yield return new ApiRoute("GetMetadata", "GET", "metadata/{*path}", AuthPolicy.Anonymous, LazyHandler.For(endpoints, e => e.GetAsync))
        {
            Summary = "The host's metadata: 'a/b' is a value or a key list, 'a/b/' a subtree, '' the whole tree.",
            Responses = [new(200, "A value, a list of keys, a subtree, or null for an unknown path.", ApiBodyDoc.AnyJson("Any JSON value."))],
        };
    }

    private ValueTask<ApiResponse> GetAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        using var tree = JsonDocument.Parse(metadata.ToJson());
        var body = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(body))
        {
            NestedKeyLookup.Write(tree.RootElement, request.Route("path"), json);
        }

        return ValueTask.FromResult(ApiResponse.RawJson(200, body.WrittenMemory));
    }
}
