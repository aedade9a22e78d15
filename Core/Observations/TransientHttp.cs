using System.Net;

namespace Portable.Core.Observations;

/// <summary>Which upstream answers are worth repeating: the server may well answer differently next time.</summary>
internal static class TransientHttp
{
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
