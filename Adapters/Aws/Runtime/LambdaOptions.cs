using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>The <c>Lambda</c> configuration section.</summary>
public sealed record LambdaOptions
{
    /// <summary>How long before Lambda's deadline the invocation's token fires, leaving time to answer and to give work back.</summary>
    public TimeSpan DeadlineMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The route prefix of the prefixed routes (host.json's <c>extensions:http:routePrefix</c> on the other hosts).</summary>
    public string RoutePrefix { get; init; } = "api";

    public static LambdaOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Lambda");
        var options = new LambdaOptions();
        if (section["DeadlineMargin"] is { Length: > 0 } margin)
        {
            options = options with { DeadlineMargin = TimeSpan.Parse(margin, CultureInfo.InvariantCulture) };
        }

        if (section["RoutePrefix"] is { } prefix)
        {
            options = options with { RoutePrefix = prefix.Trim('/') };
        }

        return options;
    }
}
