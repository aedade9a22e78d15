namespace Portable.Core.Validation;

/// <summary>A service the request needs is not configured on this host (503); the message names the missing settings.</summary>
public sealed class NotConfiguredException(string service, IReadOnlyList<string> missingKeys)
    : Exception($"{service} is not configured on this host: set {string.Join(", ", missingKeys)}.")
{
    public IReadOnlyList<string> MissingKeys { get; } = missingKeys;
}
