using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Letta.Wire;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Conversations;

/// <summary>Sends a turn's requests where the turn runs: to its agent, or through the Conversations endpoints in a shared scope.</summary>
internal static class TurnRoutes
{
    /// <summary>How many of a conversation's newest messages are read to find a pending approval.</summary>
    private const int PendingWindow = 10;

    /// <summary>Streams the frames of a send for <paramref name="turn"/>.</summary>
    public static IAsyncEnumerable<LettaFrame> StreamFramesAsync(ILettaClient letta, ChatTurnContext turn, LettaMessageRequest request, CancellationToken cancellationToken)
    {
        if (turn.LettaConversationId is not { } conversationId)
        {
            return letta is ILettaFrameSource source
                ? source.StreamFramesAsync(turn.AgentId, request, cancellationToken)
                : letta.StreamMessageAsync(turn.AgentId, request, cancellationToken).Select(static item => LettaFrame.Of(item));
        }

        return letta switch
        {
            ILettaFrameSource source => source.StreamConversationFramesAsync(conversationId, request, cancellationToken),
            ILettaConversationClient conversations => conversations.StreamConversationMessageAsync(conversationId, request, cancellationToken).Select(static item => LettaFrame.Of(item)),
            _ => throw Unsupported(letta),
        };
    }

    /// <summary>Streams the items of a send for <paramref name="turn"/>.</summary>
    public static IAsyncEnumerable<LettaStreamItem> StreamItemsAsync(ILettaClient letta, ChatTurnContext turn, LettaMessageRequest request, CancellationToken cancellationToken) =>
        turn.LettaConversationId is not { } conversationId
            ? letta.StreamMessageAsync(turn.AgentId, request, cancellationToken)
            : Conversations(letta).StreamConversationMessageAsync(conversationId, request, cancellationToken);

    /// <summary>Reads the approval the turn's agent or conversation waits for, if any.</summary>
    /// <remarks>A conversation's pending approval is its newest message when that is an <c>approval_request_message</c>.</remarks>
    public static async Task<LettaApprovalRequestMessage?> GetPendingApprovalAsync(ILettaClient letta, ChatTurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.LettaConversationId is not { } conversationId)
        {
            return await letta.GetPendingApprovalAsync(turn.AgentId, cancellationToken).ConfigureAwait(false);
        }

        var newest = await Conversations(letta).ListConversationMessagesAsync(conversationId, PendingWindow, cancellationToken).ConfigureAwait(false);
        return newest.FirstOrDefault(m => m is not LettaPing) as LettaApprovalRequestMessage;
    }

    /// <summary>Whether Letta still has the turn's Letta conversation: true, false on 404.</summary>
    public static async Task<bool> ConversationExistsAsync(ILettaClient letta, string conversationId, CancellationToken cancellationToken) =>
        await Conversations(letta).GetConversationAsync(conversationId, cancellationToken).ConfigureAwait(false) is not null;

    private static ILettaConversationClient Conversations(ILettaClient letta) => letta as ILettaConversationClient ?? throw Unsupported(letta);

    private static NotSupportedException Unsupported(ILettaClient letta) =>
        new($"The turn runs in a Letta conversation, but {letta.GetType().Name} does not speak the Conversations API ({nameof(ILettaConversationClient)}).");
}
