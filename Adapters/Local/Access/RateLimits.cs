using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portable.Core.Http;
using Portable.Core.Settings;

namespace Portable.Adapters.Local.Access;

/// <summary>
/// Abuse limits of the embedded host over ASP.NET Core's rate limiter: a token bucket per configured credential
/// (<see cref="RateLimitOptions"/>), else per client address; a request over the limit is a 429 problem with
/// <c>Retry-After</c>. Credentials are kept only as hashes.
/// </summary>
internal static class RateLimits
{
    public static IServiceCollection AddCredentialRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateAtStart();
        services.AddSingleton<KnownCredentials>();
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<RateLimitOptions>();
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                var (key, ingest) = context.RequestServices.GetRequiredService<KnownCredentials>().PartitionOf(context);
                var rate = ingest ? options.IngestPermitsPerSecond : options.PermitsPerSecond;
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = ingest ? Math.Max(options.Burst, rate) : options.Burst,
                    TokensPerPeriod = rate,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 1;
                await RequestGuard.WriteAsync(
                    rejected.HttpContext,
                    ProblemDetails.For(429, "Too many requests.", $"This credential's rate limit is reached; retry after {seconds} s."),
                    seconds.ToString(CultureInfo.InvariantCulture));
            };
        });
        return services;
    }

    /// <summary>The hashes of every configured credential, and which of them is the ingest key.</summary>
    internal sealed class KnownCredentials
    {
        private readonly HashSet<string> _known = new(StringComparer.Ordinal);
        private readonly string? _ingest;

        public KnownCredentials(AccessOptions access)
        {
            foreach (var credential in new[] { access.ErrorLogsReadKey, access.LabKey }
                         .Concat(access.ManagementKeys())
                         .Concat(access.OrderTokens().Keys))
            {
                if (!string.IsNullOrEmpty(credential))
                {
                    _known.Add(Hash(credential));
                }
            }

            _ingest = string.IsNullOrEmpty(access.ErrorLogsWriteKey) ? null : Hash(access.ErrorLogsWriteKey);
        }

        public (string Key, bool Ingest) PartitionOf(HttpContext context)
        {
            var request = context.Request;
            foreach (var presented in new[]
                     {
                         request.Headers[ApiAuthenticator.FunctionsKeyHeader].ToString(),
                         request.Query[ApiAuthenticator.CodeParameter].ToString(),
                         request.Headers[ApiAuthenticator.ApiKeyHeader].ToString(),
                         Bearer(request.Headers.Authorization.ToString()),
                     })
            {
                if (presented.Length == 0)
                {
                    continue;
                }

                var hash = Hash(presented);
                if (hash == _ingest)
                {
                    return ("credential:" + hash, true);
                }

                if (_known.Contains(hash))
                {
                    return ("credential:" + hash, false);
                }
            }

            return ("address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), false);
        }

        private static string Bearer(string header) =>
            header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";

        private static string Hash(string credential) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));
    }
}
