using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Portable.Core.Settings;

public static class OptionsValidation
{
    /// <summary>
    /// Checks the bound options when the host starts (<see cref="IValidatedOptions.Problems"/>, and the binder's own
    /// conversion errors, which name the key), and registers the bound value itself, so consumers take
    /// <typeparamref name="TOptions"/> and never see an unchecked one. Hosts without a generic host call
    /// <see cref="IStartupValidator.Validate"/> themselves.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateAtStart<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        this OptionsBuilder<TOptions> builder)
        where TOptions : class, IValidatedOptions
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, ProblemsValidator<TOptions>>());
        builder.Services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<TOptions>>().Value);
        return builder.ValidateOnStart();
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every problem, for options read before the container exists.</summary>
    public static TOptions ThrowIfInvalid<TOptions>(this TOptions options)
        where TOptions : class, IValidatedOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? options : throw new OptionsValidationException(typeof(TOptions).Name, typeof(TOptions), problems);
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
