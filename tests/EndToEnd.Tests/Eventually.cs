namespace Portable.EndToEnd.Tests;

/// <summary>Polls until a condition holds, for results that workflows produce in the background.</summary>
internal static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        var value = await read();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what ?? "a condition"}; last value: {value}");
            }

            await Task.Delay(100);
            value = await read();
        }

        return value;
    }
}
