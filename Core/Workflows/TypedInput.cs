namespace Portable.Core.Workflows;

/// <summary>How a typed workflow or activity takes the input the runtime hands it as an object.</summary>
internal static class TypedInput
{
    /// <summary>The input as <typeparamref name="T"/>; no input is the type's default, any other type a <see cref="DataTypeMismatchException"/>.</summary>
    public static T Of<T>(object? input) => input switch
    {
        T typed => typed,
        null => default!,
        _ => throw new DataTypeMismatchException(typeof(T), input.GetType()),
    };
}
