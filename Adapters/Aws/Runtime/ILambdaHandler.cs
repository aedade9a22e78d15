namespace Portable.Adapters.Aws.Runtime;

/// <summary>One of the functions this binary can be, chosen by the <c>_HANDLER</c> setting (see <see cref="HandlerNames"/>).</summary>
public interface ILambdaHandler
{
    /// <summary>Answers one event with the JSON document Lambda hands back to the caller.</summary>
    /// <param name="cancellationToken">Fires a safety margin before the deadline, and on shutdown.</param>
    Task<byte[]> HandleAsync(ReadOnlyMemory<byte> payload, InvocationContext context, CancellationToken cancellationToken);
}
