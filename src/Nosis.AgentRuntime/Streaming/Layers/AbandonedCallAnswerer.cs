using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>
/// Answers the client tool calls of a turn the runtime abandons (the consumer left, a tool was cancelled) so the agent is not
/// left waiting: best effort, bounded, on a token that only host shutdown cancels, and before the turn is released, so the
/// next turn of the conversation never overlaps it. What it cannot answer, the next turn's stranded-approval recovery does.
/// </summary>
internal sealed class AbandonedCallAnswerer
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private readonly ILettaClient _letta;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;

    public AbandonedCallAnswerer(ILettaClient letta, ILogger logger, CancellationToken stopping)
    {
        _letta = letta;
        _logger = logger;
        _stopping = stopping;
    }

    public async Task AnswerAsync(ChatTurnContext turn, IReadOnlyList<string> toolCallIds)
    {
        _logger.AnsweringAbandonedCalls(turn.Conversation.ConversationId, turn.AgentId, toolCallIds.Count);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        bounded.CancelAfter(Limit);
        var tools = turn.Tools.Tools;
        var request = new LettaMessageRequest([StrandedApprovals.Answer(toolCallIds)])
        {
            ClientTools = tools.Count == 0 ? null : tools.Select(t => new LettaClientTool(t.Name, t.Description, t.Parameters)).ToList(),
        };
        try
        {
            // Read the agent's reaction to the end, so its run is over before the next turn sends.
            await foreach (var _ in TurnRoutes.StreamItemsAsync(_letta, turn, request, bounded.Token).ConfigureAwait(false))
            {
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _logger.AbandonedCallsNotAnswered(turn.AgentId, exception);
        }
    }
}
