using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portable.Tests.Support;

namespace Portable.Core.Tests;

/// <summary>
/// Options as <c>AddPortableCore</c> binds them from a host's settings and checks them when the host starts.
/// </summary>
internal static class BoundOptions
{
    public static T Of<T>(params (string Key, string? Value)[] settings)
        where T : class
    {
        using var services = CoreRoutes.Services(With(settings));
        services.GetRequiredService<IStartupValidator>().Validate();
        return services.GetRequiredService<T>();
    }

    /// <summary>The message with which the host's start is refused.</summary>
    public static string Refusal(params (string Key, string? Value)[] settings)
    {
        using var services = CoreRoutes.Services(With(settings));
        var refusal = Assert.Catch(() => services.GetRequiredService<IStartupValidator>().Validate());
        return refusal!.Message;
    }

    /// <summary>The settings as a host reads them: a key given twice keeps its last value.</summary>
    private static Dictionary<string, string?> With((string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return values;
    }
}
