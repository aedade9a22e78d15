using System.Security.Cryptography;
using System.Text;

namespace Portable.Core.Http;

/// <summary>
/// The per-instance code of a status link: an HMAC of the instance id under <c>Management:LinkSecret</c>. It lets its
/// holder read that one instance's status and nothing else, and reveals neither the secret nor any operator key.
/// </summary>
public sealed class InstanceCodes(AccessOptions options)
{
    private readonly byte[]? _secret = string.IsNullOrEmpty(options.LinkSecret) ? null : Encoding.UTF8.GetBytes(options.LinkSecret);

    /// <summary>The code for <paramref name="instanceId"/>, or null when no link secret is configured.</summary>
    public string? For(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return _secret is null ? null : Base64Url(Mac(instanceId));
    }

    public bool Verify(string instanceId, string? code)
    {
        if (_secret is null || string.IsNullOrEmpty(code) || code.Length > 64)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[48];
        return TryDecode(code, presented, out var length) && CryptographicOperations.FixedTimeEquals(Mac(instanceId), presented[..length]);
    }

    private byte[] Mac(string instanceId) => HMACSHA256.HashData(_secret!, Encoding.UTF8.GetBytes("instance-status\n" + instanceId));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string code, Span<byte> destination, out int length)
    {
        var padded = code.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.TryFromBase64String(padded, destination, out length);
    }
}
