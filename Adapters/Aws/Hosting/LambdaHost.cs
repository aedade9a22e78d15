using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portable.Adapters.Aws.Logging;
using Portable.Adapters.Aws.Runtime;
using Portable.Adapters.Hosting;

namespace Portable.Adapters.Aws.Hosting;

/// <summary>The Lambda host's composition: configuration from the environment, the system, the handlers, JSON-line logs.</summary>
public static class LambdaHost
{
    /// <summary>Environment variables, <c>__</c> standing for <c>:</c>, as the template sets them.</summary>
    public static IConfigurationRoot BuildConfiguration() => new ConfigurationBuilder().AddEnvironmentVariables().Build();

    /// <param name="logOutput">Where log lines go: stdout on Lambda.</param>
    /// <param name="configure">Runs last, so tests and compositions can replace services.</param>
    public static ServiceProvider BuildServices(IConfiguration configuration, Stream logOutput, Action<IServiceCollection>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var level = LogLevelOf(configuration);
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(level).AddProvider(new JsonLineLoggerProvider(logOutput, level, TimeProvider.System)));

        // /tmp is the only place a function may write; relative store paths land there. No background work:
        // a function runs only while it handles an event, so queue and durable work is driven by the handlers.
        services.AddPortableSystem(configuration, Path.GetTempPath(), backgroundWork: false);
        services.AddAwsLambda(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The runner for the handler named by <c>_HANDLER</c>.</summary>
    /// <exception cref="UnknownHandlerException">No handler has that name.</exception>
    public static InvocationRunner CreateRunner(IServiceProvider services, string? handlerName)
    {
        ArgumentNullException.ThrowIfNull(services);
        var handler = string.IsNullOrWhiteSpace(handlerName) ? null : services.GetKeyedService<ILambdaHandler>(handlerName.Trim());
        return new InvocationRunner(
            handler ?? throw new UnknownHandlerException(handlerName),
            services.GetRequiredService<IServiceScopeFactory>(),
            services.GetRequiredService<LambdaOptions>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<InvocationRunner>>());
    }

    /// <summary>Lambda's own log level setting (<c>AWS_LAMBDA_LOG_LEVEL</c>) first, then <c>Logging:LogLevel:Default</c>.</summary>
    private static LogLevel LogLevelOf(IConfiguration configuration) =>
        configuration["AWS_LAMBDA_LOG_LEVEL"]?.ToUpperInvariant() switch
        {
            "TRACE" => LogLevel.Trace,
            "DEBUG" => LogLevel.Debug,
            "INFO" => LogLevel.Information,
            "WARN" => LogLevel.Warning,
            "ERROR" => LogLevel.Error,
            "FATAL" => LogLevel.Critical,
            _ => Enum.TryParse<LogLevel>(configuration["Logging:LogLevel:Default"], ignoreCase: true, out var level) ? level : LogLevel.Information,
        };
}
