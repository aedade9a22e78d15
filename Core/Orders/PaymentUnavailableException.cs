namespace Portable.Core.Orders;

/// <summary>The payment gateway failed in a way worth retrying (timeouts, 5xx); declines are not exceptions.</summary>
public sealed class PaymentUnavailableException(string message) : Exception(message);
