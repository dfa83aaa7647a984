using System.Net;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>
/// The lost-agent layer: when Letta answers 404 to a send and a read of the agent confirms with 404 that it is gone (deleted
/// behind the runtime's back), the conversation is re-claimed onto a new agent with a compare-and-set from the lost id, and the
/// turn continues on it. A timeout, a 5xx, a connection error, or a read that finds the agent never replaces it.
/// </summary>
internal sealed class LostAgentTurnClient : DelegatingChatTurnClient
{
    private readonly ILettaClient _letta;
    private readonly IAgentIdResolver _agents;
    private readonly ILogger _logger;

    public LostAgentTurnClient(IChatTurnClient innerClient, ILettaClient letta, IAgentIdResolver agents, ILogger logger)
        : base(innerClient)
    {
        _letta = letta;
        _agents = agents;
        _logger = logger;
    }

    public override IAsyncEnumerable<AgentChatEvent> StreamAsync(ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, CancellationToken cancellationToken = default) =>
        StepRetry.StreamAsync(InnerClient, turn, input, (failure, token) => RecoverAsync(turn, input, failure, token), cancellationToken);

    private async Task<IReadOnlyList<LettaInputItem>?> RecoverAsync(ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, Exception failure, CancellationToken cancellationToken)
    {
        if (failure is not LettaApiException { StatusCode: HttpStatusCode.NotFound } || input.Any(i => i is LettaApprovalInput))
        {
            return null;
        }

        var conversationId = turn.Conversation.ConversationId;
        var lost = turn.AgentId;
        if (turn.LettaConversationId is { } lostConversation)
        {
            return await RecoverConversationAsync(turn, input, new LettaTarget(lost, lostConversation), cancellationToken).ConfigureAwait(false);
        }

        if (await IsGoneAsync(conversationId, lost, async token => await _letta.GetAgentAsync(lost, token).ConfigureAwait(false) is not null, cancellationToken).ConfigureAwait(false) is not true)
        {
            return null;
        }

        string replacement;
        try
        {
            replacement = await _agents.ReplaceLostAgentIdAsync(turn.Conversation, lost, cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            return null; // the host's resolver or registry cannot re-claim: the 404 stands
        }

        _logger.LostAgentReplaced(conversationId, lost, replacement);
        turn.ReplaceAgent(replacement);
        return input;
    }

    /// <summary>In a shared scope: a confirmed lost agent is replaced with its conversation; a confirmed lost conversation alone, without touching the agent.</summary>
    private async Task<IReadOnlyList<LettaInputItem>?> RecoverConversationAsync(ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, LettaTarget lost, CancellationToken cancellationToken)
    {
        var conversationId = turn.Conversation.ConversationId;
        var agentGone = await IsGoneAsync(conversationId, lost.AgentId, async token => await _letta.GetAgentAsync(lost.AgentId, token).ConfigureAwait(false) is not null, cancellationToken).ConfigureAwait(false);
        if (agentGone is null || (agentGone == false && await IsGoneAsync(
            conversationId, lost.LettaConversationId!, token => TurnRoutes.ConversationExistsAsync(_letta, lost.LettaConversationId!, token), cancellationToken).ConfigureAwait(false) is not true))
        {
            return null;
        }

        LettaTarget replacement;
        try
        {
            replacement = await _agents.ReplaceLostTargetAsync(turn.Conversation, lost, agentGone.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            return null;
        }

        _logger.LostAgentReplaced(conversationId, lost.LettaConversationId!, replacement.LettaConversationId ?? replacement.AgentId);
        turn.ReplaceTarget(replacement);
        return input;
    }

    /// <summary>True when <paramref name="exists"/> confirms <paramref name="id"/> gone, false when it exists, null when Letta could not say.</summary>
    private async Task<bool?> IsGoneAsync(string conversationId, string id, Func<CancellationToken, Task<bool>> exists, CancellationToken cancellationToken)
    {
        try
        {
            if (await exists(cancellationToken).ConfigureAwait(false))
            {
                _logger.LostAgentNotConfirmed(conversationId, id, "it still exists");
                return false;
            }

            return true;
        }
        catch (Exception exception) when (exception is LettaApiException or TimeoutException or HttpRequestException)
        {
            _logger.LostAgentNotConfirmed(conversationId, id, exception.GetType().Name);
            return null;
        }
    }
}
