namespace Portable.Core.Workflows;

/// <summary>
/// A workflow, activity or payload was given data of another type than it takes: the message names the expected type
/// and what was given (a .NET type, or the kind of a JSON value that cannot be read as the expected type).
/// </summary>
public sealed class DataTypeMismatchException : InvalidOperationException
{
    public DataTypeMismatchException(Type expectedType, Type givenType)
        : base($"Expected {Describe(expectedType)} but was given {Describe(givenType)}.")
    {
        ExpectedType = expectedType;
        Given = Describe(givenType);
    }

    /// <param name="expectedType">The type the data was to be read as.</param>
    /// <param name="jsonKind">The kind of the JSON value given (Object, Array, String, ...), or null when the text is not JSON.</param>
    /// <param name="inner">The serializer's own account of what failed.</param>
    public DataTypeMismatchException(Type expectedType, string? jsonKind, Exception inner)
        : base($"Expected {Describe(expectedType)} but was given {(jsonKind is null ? "text that is not JSON" : "a JSON " + jsonKind)}, which cannot be read as one: {inner?.Message}", inner)
    {
        ExpectedType = expectedType;
        Given = jsonKind is null ? "text that is not JSON" : "JSON " + jsonKind;
    }

    public Type ExpectedType { get; }

    /// <summary>What was given: a type name, or the kind of a JSON value.</summary>
    public string Given { get; }

    private static string Describe(Type type) => type.FullName ?? type.Name;
}
