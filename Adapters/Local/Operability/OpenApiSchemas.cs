using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Portable.Adapters.Local.Operability;

/// <summary>Turns the JSON Schemas that Core exports into the OpenAPI object model; OpenAPI 3.1 schemas are JSON Schema.</summary>
internal static class OpenApiSchemas
{
    public static IOpenApiSchema From(JsonNode schema, OpenApiDocument document)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var parsed = OpenApiModelFactory.Parse<OpenApiSchema>(schema.ToJsonString(), OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, "json");
        if (parsed is null || diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"A route's JSON Schema is not valid OpenAPI: {string.Join("; ", diagnostic?.Errors.Select(error => error.Message) ?? [])}");
        }

        return parsed;
    }
}
