namespace Portable.Core.Quality;

/// <summary>How much a finding matters: any <see cref="Error"/> fails the sample.</summary>
public enum Severity
{
    Warning,
    Error,
}
