using Portable.Core.Settings;

namespace Portable.Adapters.Aws.Runtime;

/// <summary>The <c>Lambda</c> configuration section.</summary>
public sealed record LambdaOptions : IValidatedOptions
{
    public const string Section = "Lambda";

    /// <summary>How long before Lambda's deadline the invocation's token fires, leaving time to answer and to give work back.</summary>
    public TimeSpan DeadlineMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The route prefix of the prefixed routes (host.json's <c>extensions:http:routePrefix</c> on the other hosts), without slashes.</summary>
    public string RoutePrefix { get; set; } = "api";

    public IEnumerable<string> Problems()
    {
        if (DeadlineMargin < TimeSpan.Zero)
        {
            yield return $"{Section}:DeadlineMargin must not be negative.";
        }

        if (RoutePrefix.Contains('/', StringComparison.Ordinal))
        {
            yield return $"{Section}:RoutePrefix must be one path segment without slashes, such as api; it is '{RoutePrefix}'.";
        }
    }
}
