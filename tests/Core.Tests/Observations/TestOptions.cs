using Portable.Core.Observations;

namespace Portable.Core.Tests.Observations;

internal static class TestOptions
{
    public static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static ObservationsOptions Create() => new()
    {
        BaseUrl = new Uri("https://stats.example.test/rest/data/ABS,CPI,1.1.0/1.10001.10.50.Q"),
        TokenUrl = new Uri("https://auth.example.test/oauth2/token"),
        ClientId = "portal client",
        ClientSecret = "s3:cr&t",
    };
}
