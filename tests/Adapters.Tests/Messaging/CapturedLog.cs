using Microsoft.Extensions.Logging;

namespace Portable.Adapters.Tests.Messaging;

public sealed record CapturedLog(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception);
