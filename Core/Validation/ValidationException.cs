namespace Portable.Core.Validation;

/// <summary>Input that breaks a contract; every host answers it with 400 and the field names.</summary>
public sealed class ValidationException : Exception
{
    public ValidationException(ValidationErrors errors)
        : base(Describe(errors))
    {
        Errors = errors.ToDictionary();
    }

    public ValidationException(string field, string message)
        : this(Single(field, message))
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static ValidationErrors Single(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    private static string Describe(ValidationErrors errors) =>
        string.Join("; ", errors.ToDictionary().Select(pair => $"{pair.Key}: {string.Join(", ", pair.Value)}"));
}
