using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Aws.Logging;

/// <summary>
/// The functions' logger factory: the categories' loggers of one <see cref="JsonLineLoggerProvider"/>, which filters by
/// its own minimum level. What <see cref="LoggerFactory"/> adds over one provider (filter rules read from the provider's
/// attributes by reflection at each logger's creation, a logger wrapping the providers' loggers, whose scopes are one
/// more generic virtual call) costs a native cold start and gives a function nothing.
/// </summary>
public sealed class JsonLineLoggerFactory(JsonLineLoggerProvider provider) : ILoggerFactory
{
    /// <summary>Where scopes are kept: pushing on it is what <see cref="ILogger.BeginScope{TState}"/> does.</summary>
    public IExternalScopeProvider Scopes => provider.Scopes;

    public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

    /// <exception cref="NotSupportedException">Always: the functions log through their one provider.</exception>
    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The functions' logger factory writes JSON lines through its one provider; it takes no other.");

    public void Dispose() => provider.Dispose();
}
