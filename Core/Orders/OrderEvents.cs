namespace Portable.Core.Orders;

/// <summary>Names of the external events the order workflow waits for.</summary>
public static class OrderEvents
{
    public const string Cancel = "Cancel";
    public const string Dispatched = "Dispatched";
}
