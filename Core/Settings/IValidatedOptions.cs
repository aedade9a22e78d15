namespace Portable.Core.Settings;

/// <summary>
/// Options bound from configuration that check themselves, so that a host stops at start with the key at fault
/// rather than failing later at the first request or message that needs the setting.
/// </summary>
public interface IValidatedOptions
{
    /// <summary>What is wrong with the bound values; each problem names its configuration key. Empty when all is well.</summary>
    IEnumerable<string> Problems();
}
