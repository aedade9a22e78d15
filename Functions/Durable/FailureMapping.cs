using CoreFailure = Portable.Core.Workflows.TaskFailureDetails;
using DurableFailure = Microsoft.DurableTask.TaskFailureDetails;

namespace Portable.Functions.Durable;

/// <summary>Durable's failure details in Core's terms, so Core's catch blocks and retry predicates read them.</summary>
internal static class FailureMapping
{
    public static CoreFailure ToCore(DurableFailure? failure) =>
        failure is null
            ? new CoreFailure("Unknown", "The task failed without failure details.")
            : new CoreFailure(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure is null ? null : ToCore(failure.InnerFailure));
}
