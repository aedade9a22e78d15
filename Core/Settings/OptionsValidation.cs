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
    /// without one call it themselves (see <see cref="CheckSettingsWithoutStartupValidator"/>). A second registration of
    /// the same type is ignored.
    /// </summary>
    /// <remarks>
    /// Without the options pipeline: its factory resolves three enumerables per type, whose arrays native AOT builds at
    /// run time, about 1 ms of a function's cold start for the settings of the whole system. Settings that code also
    /// configures take the overload that binds from the container's services; those configured through the options
    /// pipeline (<c>Configure</c>, <c>IConfigureOptions</c>) go through <see cref="ValidateAtStart{TOptions}"/>.
    /// </remarks>
    public static IServiceCollection AddSettings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IServiceCollection services, Func<TOptions> bind)
        where TOptions : class, IValidatedOptions
    {
        ArgumentNullException.ThrowIfNull(bind);
        return services.AddSettings(_ => bind());
    }

    /// <summary>
    /// Settings made by <paramref name="bind"/> from the container's services (configuration, and what code sets), checked
    /// and registered as <see cref="AddSettings{TOptions}(IServiceCollection, Func{TOptions})"/> does.
    /// </summary>
    public static IServiceCollection AddSettings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this IServiceCollection services, Func<IServiceProvider, TOptions> bind)
        where TOptions : class, IValidatedOptions
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(bind);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(TOptions)))
        {
            return services;
        }

        services.AddSingleton(provider => bind(provider).ThrowIfInvalid());
        services.AddSingleton<IOptions<TOptions>>(provider => Options.Create(provider.GetRequiredService<TOptions>()));
        AddCheck<TOptions>(services);
        return services;
    }

    /// <summary>
    /// Checks the bound options when the host starts, as <see cref="AddSettings{TOptions}(IServiceCollection, Func{TOptions})"/> does, for options that code
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

    /// <summary>
    /// For hosts that start no generic host and call <see cref="ValidateSettings"/> themselves (a function's init phase):
    /// the settings registered after this hook nothing into <see cref="IStartupValidator"/>, whose registration closes a
    /// generic virtual method that native AOT resolves at run time (about 0.5 ms of a cold start). Generic hosts leave it
    /// out and have the settings checked when they start.
    /// </summary>
    public static IServiceCollection CheckSettingsWithoutStartupValidator(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(new SettingsCheckedByHost());
        return services;
    }

    /// <summary>The settings check of <typeparamref name="TOptions"/>, and the one startup validation that runs them all.</summary>
    private static void AddCheck<TOptions>(IServiceCollection services)
        where TOptions : class
    {
        if (services.FirstOrDefault(descriptor => descriptor.ServiceType == typeof(SettingsChecks))?.ImplementationInstance is not SettingsChecks checks)
        {
            checks = new SettingsChecks();
            services.AddSingleton(checks);
            if (!services.Any(descriptor => descriptor.ServiceType == typeof(SettingsCheckedByHost)))
            {
                // One startup validation for all checked options, not one per type: each ValidateOnStart closes a generic
                // virtual method over its type, which native AOT builds at run time (about 0.1 ms each in a cold start).
                services.AddOptions<SettingsChecked>().ValidateOnStart();
                services.AddSingleton<IValidateOptions<SettingsChecked>>(provider => new SettingsValidator(checks, provider));
            }
        }

        checks.Add(provider => provider.GetRequiredService<TOptions>());
    }

    /// <summary>
    /// Binds and checks every options type registered with <see cref="AddSettings{TOptions}(IServiceCollection, Func{TOptions})"/>
    /// or <see cref="ValidateAtStart{TOptions}"/>, for hosts that start no generic host; throws what
    /// <see cref="IStartupValidator.Validate"/> would, the one failure or all of them.
    /// </summary>
    public static void ValidateSettings(this IServiceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        provider.GetService<SettingsChecks>()?.Run(provider);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem, for options read before the container exists.</summary>
    public static TOptions ThrowIfInvalid<TOptions>(this TOptions options)
        where TOptions : class, IValidatedOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? options : throw new OptionsValidationException(typeof(TOptions).Name, typeof(TOptions), problems);
    }

    /// <summary>The mark of <see cref="CheckSettingsWithoutStartupValidator"/>.</summary>
    private sealed class SettingsCheckedByHost;

    /// <summary>What the generic host's startup validator asks for, so that it runs every settings check.</summary>
    private sealed class SettingsChecked;

    private sealed class SettingsValidator(SettingsChecks checks, IServiceProvider provider) : IValidateOptions<SettingsChecked>
    {
        public ValidateOptionsResult Validate(string? name, SettingsChecked options)
        {
            checks.Run(provider);
            return ValidateOptionsResult.Success;
        }
    }

    /// <summary>
    /// The checked options' singletons, whose factories bind and check them. Kept in one registered instance rather than
    /// as a service each: resolving an enumerable makes the container build its array type at run time under native AOT
    /// (about 0.4 ms of a cold start).
    /// </summary>
    private sealed class SettingsChecks
    {
        private readonly List<Func<IServiceProvider, object>> _resolvers = [];

        public void Add(Func<IServiceProvider, object> resolve) => _resolvers.Add(resolve);

        /// <summary>Resolves every checked singleton; throws the one failure, or all of them.</summary>
        public void Run(IServiceProvider provider)
        {
            var failures = new List<Exception>();
            foreach (var resolve in _resolvers)
            {
                try
                {
                    resolve(provider);
                }
                catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
                {
                    failures.Add(exception);
                }
            }

            if (failures.Count == 1)
            {
                throw failures[0];
            }

            if (failures.Count > 1)
            {
                throw new AggregateException(failures);
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
