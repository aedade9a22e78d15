namespace Portable.Operator.Smoke;

/// <summary>A smoke step that found the deployment not doing what it should; its message is the step's FAIL line.</summary>
public sealed class SmokeFailure : Exception
{
    public SmokeFailure()
    {
    }

    public SmokeFailure(string message)
        : base(message)
    {
    }

    public SmokeFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
