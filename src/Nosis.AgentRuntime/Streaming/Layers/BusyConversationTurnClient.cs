using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>
/// The busy-conversation layer: Letta's conversation lock refused the send (409, <see cref="LettaConflictKind.Busy"/>) before
/// anything streamed. This runtime holds the conversation's turn, so the run behind the lock is one it left behind (a turn whose
/// client went away, which Letta finishes on its own) or another client's. It waits for that run to end — polling it when Letta
/// named it, for at most <see cref="AgentRuntimeOptions.TurnWaitTimeout"/> — and sends once more, as Letta's own client does:
/// a refused send was never admitted, so nothing runs twice. Still busy, the 409 stands and the turn fails as busy.
/// </summary>
internal sealed class BusyConversationTurnClient : DelegatingChatTurnClient
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan UnnamedRunWait = TimeSpan.FromSeconds(1);

    private readonly ILettaClient _letta;
    private readonly AgentRuntimeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public BusyConversationTurnClient(IChatTurnClient innerClient, ILettaClient letta, AgentRuntimeOptions options, TimeProvider time, ILogger logger)
        : base(innerClient)
    {
        _letta = letta;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public override IAsyncEnumerable<AgentChatEvent> StreamAsync(ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, CancellationToken cancellationToken = default) =>
        StepRetry.StreamAsync(InnerClient, turn, input, (failure, token) => WaitForTheRunAsync(turn, input, failure, token), cancellationToken);

    private async Task<IReadOnlyList<LettaInputItem>?> WaitForTheRunAsync(ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, Exception failure, CancellationToken cancellationToken)
    {
        if (failure is not LettaConflictException { Kind: LettaConflictKind.Busy } busy)
        {
            return null;
        }

        _logger.WaitingForBusyConversation(turn.Conversation.ConversationId, busy.BusyRunId ?? "(not named)");
        if (busy.BusyRunId is not { } runId || _letta is not ILettaRunClient runs)
        {
            await Task.Delay(UnnamedRunWait, _time, cancellationToken).ConfigureAwait(false);
            return input;
        }

        try
        {
            // Ended: send once more. Still active at the turn wait limit: the 409 stands.
            return await RunEnd.WaitAsync(runs, runId, _options.TurnWaitTimeout, PollInterval, _time, cancellationToken).ConfigureAwait(false) ? input : null;
        }
        catch (Exception exception) when (exception is LettaApiException or TimeoutException or HttpRequestException)
        {
            return null; // the 409 stands: the turn fails as busy rather than guessing
        }
    }
}
