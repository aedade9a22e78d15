namespace Portable.Operator.Cli;

/// <summary>What the process answers, one code per kind of failure, so scripts can tell them apart.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The host refused the request for what it asked (400, 409, 410, 422), or a smoke step failed.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown verb or option, a missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>The instance (or route) does not exist: 404.</summary>
    public const int NotFound = 3;

    /// <summary>The key was missing or refused: 401 or 403.</summary>
    public const int AuthRefused = 4;

    /// <summary>The host could not be reached, did not answer in time, or failed: 5xx, 429, a network error.</summary>
    public const int Unavailable = 5;
}
