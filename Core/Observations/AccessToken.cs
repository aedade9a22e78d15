namespace Portable.Core.Observations;

/// <summary>A bearer token and the moment to stop handing it out, a little before the issuer expires it.</summary>
internal sealed record AccessToken(string Value, DateTimeOffset RefreshAt);
