using System.Globalization;
using System.Text;

namespace Portable.Core.Observations;

/// <summary>A bearer token and the moment to stop handing it out, a little before the issuer expires it.</summary>
internal sealed record AccessToken(string Value, DateTimeOffset RefreshAt)
{
    // Records print every property; a token must not reach a log line through ToString.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Value = ***, RefreshAt = {RefreshAt:O}");
        return true;
    }
}
