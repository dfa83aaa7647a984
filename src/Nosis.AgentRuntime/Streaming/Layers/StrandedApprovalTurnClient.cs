using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>
/// The stranded-approval layer: when Letta refuses a user message with 409 because the agent still waits for the result of a
/// client tool call that an earlier turn never answered (tab closed, process killed), it reads the pending calls from the
/// agent, answers them with an error that says the turn that asked for them ended, and sends the message again, once, in the
/// same request (Letta takes an approval followed by messages). A 409 for a busy agent passes through untouched.
/// </summary>
internal sealed class StrandedApprovalTurnClient : DelegatingChatTurnClient
{
    private readonly ILettaClient _letta;
    private readonly ILogger _logger;

    public StrandedApprovalTurnClient(IChatTurnClient innerClient, ILettaClient letta, ILogger logger)
        : base(innerClient)
    {
        _letta = letta;
        _logger = logger;
    }

    public override IAsyncEnumerable<AgentChatEvent> StreamAsync(ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, CancellationToken cancellationToken = default) =>
        StepRetry.StreamAsync(InnerClient, turn, input, (failure, token) => RecoverAsync(turn, input, failure, token), cancellationToken);

    private async Task<IReadOnlyList<LettaInputItem>?> RecoverAsync(ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, Exception failure, CancellationToken cancellationToken)
    {
        if (failure is not LettaConflictException { IsPendingApproval: true } || input.Any(i => i is LettaApprovalInput))
        {
            return null;
        }

        LettaApprovalRequestMessage? pending;
        try
        {
            pending = await TurnRoutes.GetPendingApprovalAsync(_letta, turn, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is LettaApiException or TimeoutException or HttpRequestException)
        {
            return null; // the 409 stands: the turn fails as busy rather than guessing
        }

        var calls = StrandedApprovals.CallIdsOf(pending);
        if (calls.Count == 0)
        {
            return input; // answered meanwhile: send the message once more
        }

        _logger.AnsweringStrandedApproval(turn.Conversation.ConversationId, turn.AgentId, calls.Count);
        foreach (var id in calls)
        {
            turn.ReportedToolResults.Add(id); // Letta echoes the error result first; it belongs to no call of this turn
        }

        return [StrandedApprovals.Answer(calls), .. input];
    }
}
