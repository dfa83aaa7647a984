using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The client-tool layer: when a Letta step ends waiting for client tool calls, runs them, answers Letta, and streams the next step, up to the step limit.</summary>
/// <remarks>
/// Like Microsoft.Extensions.AI's <c>FunctionInvokingChatClient</c>. Past <see cref="AgentRuntimeOptions.MaxToolSteps"/> the
/// calls are answered once with an error, so the agent is not left waiting for approval, and the turn ends after its reply.
/// </remarks>
internal sealed class ClientToolTurnClient : DelegatingChatTurnClient
{
    private readonly ClientToolRunner _runner;
    private readonly AbandonedCallAnswerer _abandoned;
    private readonly ILogger _logger;
    private readonly int _maxToolSteps;

    public ClientToolTurnClient(IChatTurnClient innerClient, ClientToolRunner runner, AbandonedCallAnswerer abandoned, AgentRuntimeOptions options, ILogger logger)
        : base(innerClient)
    {
        _runner = runner;
        _abandoned = abandoned;
        _logger = logger;
        _maxToolSteps = options.MaxToolSteps;
    }

    public override async IAsyncEnumerable<AgentChatEvent> StreamAsync(
        ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var toolSteps = 0;
        var limitAnswered = false;

        // The calls Letta waits on that this turn has not answered yet: if the turn ends here, they are answered before it is released.
        List<string>? unanswered = null;
        try
        {
            while (true)
            {
                PendingClientToolsEvent? pending = null;
                await foreach (var chatEvent in InnerClient.StreamAsync(turn, input, cancellationToken).ConfigureAwait(false))
                {
                    if (chatEvent is not StepStartEvent)
                    {
                        unanswered = null; // Letta answered the step (the step start comes before the request), so it has the results
                    }

                    if (chatEvent is PendingClientToolsEvent calls)
                    {
                        pending = calls;
                        unanswered = [.. calls.Calls.Select(c => c.Id)];
                        continue;
                    }

                    yield return chatEvent;
                }

                if (pending is null)
                {
                    yield break;
                }

                ToolResult? refusal = null;
                if (toolSteps < _maxToolSteps)
                {
                    toolSteps++;
                }
                else if (!limitAnswered)
                {
                    _logger.ToolStepLimitReached(turn.Conversation.ConversationId, _maxToolSteps);
                    limitAnswered = true;
                    refusal = ToolResult.Error($"Not run: this turn reached its limit of {_maxToolSteps} tool steps.");
                }
                else
                {
                    yield return StopEvent.FromLetta("max_steps");
                    yield break;
                }

                var returns = new List<LettaToolReturn>(pending.Calls.Count);
                foreach (var call in pending.Calls)
                {
                    yield return new ToolCallEvent(call.Id, call.Name, call.Arguments) { RunId = turn.RunId };
                    var result = refusal ?? await _runner.InvokeAsync(turn, call, cancellationToken).ConfigureAwait(false);
                    turn.ReportedToolResults.Add(call.Id);
                    yield return new ToolResultEvent(call.Id, result.Output, result.IsError) { RunId = turn.RunId };
                    returns.Add(new LettaToolReturn(call.Id, result.Output, result.IsError ? LettaToolReturnStatus.Error : LettaToolReturnStatus.Success));
                }

                yield return new StepFinishEvent();
                input = [new LettaApprovalInput(returns)];
            }
        }
        finally
        {
            if (unanswered is { Count: > 0 } && !turn.LeaseLost.IsCancellationRequested)
            {
                await _abandoned.AnswerAsync(turn, unanswered).ConfigureAwait(false);
            }
        }
    }
}
