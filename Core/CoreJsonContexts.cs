using System.Text.Json.Serialization.Metadata;
using Portable.Core.Orders;
using Portable.Core.Quality;

namespace Portable.Core;

/// <summary>The source-generated JSON contexts of Core's types, for the runtimes that carry them.</summary>
public static class CoreJsonContexts
{
    /// <summary>Everything Core's workflows take, return, raise or show as custom status.</summary>
    public static IReadOnlyList<IJsonTypeInfoResolver> Workflows { get; } = [OrdersJsonContext.Default, QualityJsonContext.Default];
}
