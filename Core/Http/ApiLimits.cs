namespace Portable.Core.Http;

public static class ApiLimits
{
    /// <summary>Largest request body accepted by any route; larger ones are answered with 413.</summary>
    public const int MaxBodyBytes = 1024 * 1024;
}
