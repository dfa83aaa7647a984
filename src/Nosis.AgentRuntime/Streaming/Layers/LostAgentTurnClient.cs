using System.Net;
using Microsoft.Extensions.Logging;
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
        try
        {
            if (await _letta.GetAgentAsync(lost, cancellationToken).ConfigureAwait(false) is not null)
            {
                _logger.LostAgentNotConfirmed(conversationId, lost, "the agent still exists");
                return null;
            }
        }
        catch (Exception exception) when (exception is LettaApiException or TimeoutException or HttpRequestException)
        {
            _logger.LostAgentNotConfirmed(conversationId, lost, exception.GetType().Name);
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
}
