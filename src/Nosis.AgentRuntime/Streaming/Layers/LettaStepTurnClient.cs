using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The innermost turn layer: sends one Letta request and maps its stream to the events of one step.</summary>
/// <remarks>
/// With the runtime's own <see cref="LettaClient"/> it reads raw frames, so a token delta costs one chat event and its text. A
/// step abandoned before its end (the turn aborted) has its Letta run cancelled: Letta would otherwise finish it on its own,
/// holding the conversation's lock against the next turn.
/// </remarks>
internal sealed class LettaStepTurnClient : IChatTurnClient
{
    private readonly ILettaClient _letta;
    private readonly AgentRuntimeOptions _options;
    private readonly BackgroundRunReader? _runs;
    private readonly ILogger _logger;

    public LettaStepTurnClient(ILettaClient letta, AgentRuntimeOptions options, BackgroundRunReader? runs = null, ILogger? logger = null)
    {
        _letta = letta;
        _options = options;
        _runs = runs;
        _logger = logger ?? NullLogger.Instance;
    }

    public async IAsyncEnumerable<AgentChatEvent> StreamAsync(
        ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var tools = turn.Tools.Tools;
        var request = new LettaMessageRequest(input)
        {
            ClientTools = tools.Count == 0 ? null : tools.Select(t => new LettaClientTool(t.Name, t.Description, t.Parameters)).ToList(),
            ExecutionTarget = turn.Conversation.ExecutionTarget,
        };
        var step = new LettaStepMapper(turn, _options.AgentModel);
        var events = new List<AgentChatEvent>(4);
        yield return new StepStartEvent();
        var frames = _runs is not null
            ? _runs.ReadSendAsync(turn, request, cancellationToken)
            : TurnRoutes.StreamFramesAsync(_letta, turn, request, cancellationToken);
        string? runId = null;
        var ended = false;
        try
        {
            await foreach (var frame in frames.ConfigureAwait(false))
            {
                runId ??= frame.RunId;
                step.Map(in frame, events);
                foreach (var chatEvent in events)
                {
                    yield return chatEvent;
                }

                events.Clear();
            }

            ended = true;
        }
        finally
        {
            // A background run is the run reader's to cancel; this is a live send's run, left running when its reader went away.
            if (!ended && _runs is null && runId is not null && cancellationToken.IsCancellationRequested && _letta is ILettaRunClient runs)
            {
                await RunCanceller.CancelQuietlyAsync(runs, turn.AgentId, runId, _logger).ConfigureAwait(false);
            }
        }

        step.End(events);
        foreach (var chatEvent in events)
        {
            yield return chatEvent;
        }
    }
}
