using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>How the event stream of a turn ended: the completion to store, what failed, and the error event the consumer should see.</summary>
/// <param name="Completion">How the reply ended.</param>
/// <param name="Failure">What failed, if anything; reported with secrets redacted.</param>
/// <param name="Error">The last event to send the consumer, if any.</param>
/// <param name="RefusesStart">Whether the turn was refused before Letta's first frame, so starting it fails with <see cref="Failure"/>.</param>
internal sealed record TurnEnd(ReplyCompletion Completion, Exception? Failure = null, ErrorEvent? Error = null, bool RefusesStart = false)
{
    /// <summary>The text the consumer sees when a reply fails; never the upstream details.</summary>
    public const string ReplyFailedText = "The agent could not finish its reply. Please try again.";

    /// <summary>Gets the marker for an inner stream that ran to its end; <see cref="Finished"/> then decides the completion.</summary>
    public static TurnEnd EndOfStream { get; } = new(ReplyCompletion.Completed);

    /// <summary>The stream ended normally: the completion follows Letta's last stop reason.</summary>
    public static TurnEnd Finished(string? stopReason) => stopReason switch
    {
        null => Failed(new LettaStreamIncompleteException()),
        "cancelled" => new TurnEnd(ReplyCompletion.Stopped), // Letta's run was cancelled: someone stopped the reply on purpose
        _ when StopEvent.MapLettaStopReason(stopReason) == ChatFinishReason.Error => new TurnEnd(ReplyCompletion.Failed),
        _ => new TurnEnd(ReplyCompletion.Completed),
    };

    /// <summary>The reply finished but could not be stored: the consumer gets an error that says so instead of <c>finish</c>.</summary>
    public static TurnEnd NotStored(Exception storeFailure) => new(
        ReplyCompletion.Failed,
        new ReplyNotStoredException(storeFailure),
        new ErrorEvent("The reply could not be saved, so it may be missing from the conversation. Please try again.", "store_failed"));

    /// <summary>The consumer stopped reading (or the lease was lost) while the turn waited to hand it an event.</summary>
    public static TurnEnd Abandoned(ChatTurnContext turn) =>
        turn.LeaseLost.IsCancellationRequested ? new TurnEnd(ReplyCompletion.Failed, LeaseLost(turn)) : new TurnEnd(ReplyCompletion.Aborted);

    /// <summary>Classifies an exception from the inner layers; <paramref name="aborted"/> tells whether the turn's token had fired.</summary>
    public static TurnEnd Of(Exception exception, ChatTurnContext turn, bool aborted)
    {
        var leaseLost = turn.LeaseLost.IsCancellationRequested;
        return exception switch
        {
            OperationCanceledException when aborted && leaseLost =>
                new TurnEnd(ReplyCompletion.Failed, LeaseLost(turn), turn.HasLettaFrame ? new ErrorEvent(ReplyFailedText, "busy") : null),

            // The consumer went away and the upstream read failed because of it (a reset rather than a cancellation).
            _ when aborted && !leaseLost => new TurnEnd(ReplyCompletion.Aborted),
            LettaConflictException conflict when !turn.HasLettaFrame => new TurnEnd(
                ReplyCompletion.Failed,
                new AgentBusyException(turn.Conversation.ConversationId, "The agent is busy with another request; try again shortly.", conflict),
                RefusesStart: true),
            _ => Failed(exception),
        };
    }

    /// <summary>Gets the short machine-readable kind of a failure, as error events and reports name it.</summary>
    public static string ErrorTypeOf(Exception exception) => exception switch
    {
        AgentBusyException => "busy",
        LettaApiException api => $"letta_http_{(int)api.StatusCode}",
        LettaStreamFormatException => "letta_malformed_frame",
        LettaStreamIncompleteException => "letta_stream_incomplete",
        LettaStreamFailedException failed => failed.ErrorType,
        ReplyNotStoredException => "store_failed",
        _ => "letta_unreachable",
    };

    private static TurnEnd Failed(Exception exception) =>
        new(ReplyCompletion.Failed, exception, new ErrorEvent(ReplyFailedText, ErrorTypeOf(exception)));

    private static AgentBusyException LeaseLost(ChatTurnContext turn) =>
        new(turn.Conversation.ConversationId, "Another process took over the conversation's turn lease.");
}
