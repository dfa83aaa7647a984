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
    private readonly ILogger _logger;
    private readonly int _maxToolSteps;

    public ClientToolTurnClient(IChatTurnClient innerClient, ClientToolRunner runner, AgentRuntimeOptions options, ILogger logger)
        : base(innerClient)
    {
        _runner = runner;
        _logger = logger;
        _maxToolSteps = options.MaxToolSteps;
    }

    public override async IAsyncEnumerable<AgentChatEvent> StreamAsync(
        ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var toolSteps = 0;
        var limitAnswered = false;
        while (true)
        {
            PendingClientToolsEvent? pending = null;
            await foreach (var chatEvent in InnerClient.StreamAsync(turn, input, cancellationToken).ConfigureAwait(false))
            {
                if (chatEvent is PendingClientToolsEvent calls)
                {
                    pending = calls;
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
}
