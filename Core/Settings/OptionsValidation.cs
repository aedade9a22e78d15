using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Portable.Core.Settings;

public static class OptionsValidation
{
    /// <summary>
    /// Settings read from configuration by <paramref name="bind"/> (the caller's generated binding) and checked when the
    /// host starts (<see cref="IValidatedOptions.Problems"/>, and the binder's own conversion errors, which name the key):
    /// registered as <typeparamref name="TOptions"/> and as its <see cref="IOptions{TOptions}"/>, both the checked value.
    /// Generic hosts check through <see cref="IStartupValidator"/>, which runs <see cref="ValidateSettings"/>; hosts
    /// without one call it themselves. A second registration of the same type is ignored.
    /// </summary>
    /// <remarks>
    /// Without the options pipeline: its factory resolves three enumerables per type, whose arrays native AOT builds at
    /// run time, about 1 ms of a function's cold start for the settings of the whole system. Settings that code also
    /// configures (<c>Configure</c>, <c>IConfigureOptions</c>) go through <see cref="ValidateAtStart{TOptions}"/>.
    /// </remarks>
    public static IServiceCollection AddSettings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IServiceCollection services, Func<TOptions> bind)
        where TOptions : class, IValidatedOptions
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(bind);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(TOptions)))
        {
            return services;
        }

        services.AddSingleton(_ => bind().ThrowIfInvalid());
        services.AddSingleton<IOptions<TOptions>>(provider => Options.Create(provider.GetRequiredService<TOptions>()));
        AddCheck<TOptions>(services);
        return services;
    }

    /// <summary>
    /// Checks the bound options when the host starts, as <see cref="AddSettings{TOptions}"/> does, for options that code
    /// configures beside the configuration (through the options pipeline), and registers the bound value itself, so
    /// consumers take <typeparamref name="TOptions"/> and never see an unchecked one.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateAtStart<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this OptionsBuilder<TOptions> builder)
        where TOptions : class, IValidatedOptions
    {
        ArgumentNullException.ThrowIfNull(builder);
        // An instance, not a type: the container would read the validator's constructors by reflection in every cold start.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>>(new ProblemsValidator<TOptions>()));

        // The factory is built here, closed over TOptions, rather than through the open generic IOptions<> services:
        // under native AOT each open generic the container closes at run time costs a type load, and a function's cold
        // start would pay for six of them per options type.
        if (!builder.Services.Any(descriptor => descriptor.ServiceType == typeof(TOptions)))
        {
            builder.Services.AddSingleton(provider => new OptionsFactory<TOptions>(
                    provider.GetServices<IConfigureOptions<TOptions>>(),
                    provider.GetServices<IPostConfigureOptions<TOptions>>(),
                    provider.GetServices<IValidateOptions<TOptions>>())
                .Create(Options.DefaultName));
            AddCheck<TOptions>(builder.Services);
        }

        return builder;
    }

    /// <summary>The settings check of <typeparamref name="TOptions"/>, and the one startup validation that runs them all.</summary>
    private static void AddCheck<TOptions>(IServiceCollection services)
        where TOptions : class
    {
        if (!services.Any(descriptor => descriptor.ServiceType == typeof(ISettingsCheck)))
        {
            // One startup validation for all checked options, not one per type: each ValidateOnStart closes a generic
            // virtual method over its type, which native AOT builds at run time (about 0.1 ms each in a cold start).
            services.AddOptions<SettingsChecked>().ValidateOnStart();
            services.AddSingleton<IValidateOptions<SettingsChecked>>(provider => new SettingsValidator(provider.GetServices<ISettingsCheck>()));
        }

        services.AddSingleton<ISettingsCheck>(provider => new SettingsCheck<TOptions>(provider.GetRequiredService<TOptions>));
    }

    /// <summary>
    /// Binds and checks every options type registered with <see cref="AddSettings{TOptions}"/> or
    /// <see cref="ValidateAtStart{TOptions}"/>, for hosts that start no generic host; throws what
    /// <see cref="IStartupValidator.Validate"/> would, the one failure or all of them.
    /// </summary>
    public static void ValidateSettings(this IServiceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Check(provider.GetServices<ISettingsCheck>());
    }

    /// <summary>Runs every check; throws the one failure, or all of them.</summary>
    private static void Check(IEnumerable<ISettingsCheck> checks)
    {
        var failures = checks.Select(check => check.Failure()).OfType<Exception>().ToList();
        if (failures.Count == 1)
        {
            throw failures[0];
        }

        if (failures.Count > 1)
        {
            throw new AggregateException(failures);
        }
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem, for options read before the container exists.</summary>
    public static TOptions ThrowIfInvalid<TOptions>(this TOptions options)
        where TOptions : class, IValidatedOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? options : throw new OptionsValidationException(typeof(TOptions).Name, typeof(TOptions), problems);
    }

    /// <summary>What the generic host's startup validator asks for, so that it runs every <see cref="ISettingsCheck"/>.</summary>
    private sealed class SettingsChecked;

    private sealed class SettingsValidator(IEnumerable<ISettingsCheck> checks) : IValidateOptions<SettingsChecked>
    {
        public ValidateOptionsResult Validate(string? name, SettingsChecked options)
        {
            Check(checks);
            return ValidateOptionsResult.Success;
        }
    }

    private interface ISettingsCheck
    {
        Exception? Failure();
    }

    /// <param name="bind">Binds and checks the options (the singleton's factory), throwing what is wrong.</param>
    private sealed class SettingsCheck<TOptions>(Func<TOptions> bind) : ISettingsCheck
        where TOptions : class
    {
        public Exception? Failure()
        {
            try
            {
                bind();
                return null;
            }
            catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
            {
                return exception;
            }
        }
    }

    private sealed class ProblemsValidator<TOptions> : IValidateOptions<TOptions>
        where TOptions : class, IValidatedOptions
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
