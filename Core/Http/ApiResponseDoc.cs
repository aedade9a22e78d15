namespace Portable.Core.Http;

/// <summary>One documented answer of a route. An error status without a body answers RFC 9457 problem details.</summary>
public sealed record ApiResponseDoc(int Status, string Description, ApiBodyDoc? Body = null)
{
    public bool IsProblem => Status >= 400 && Body is null;
}
