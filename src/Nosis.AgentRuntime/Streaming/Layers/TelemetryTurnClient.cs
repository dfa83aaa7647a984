using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>The outermost layer: the turn's activity, its start and end log lines, and the stream duration, first-token and token metrics.</summary>
internal sealed class TelemetryTurnClient : DelegatingChatTurnClient
{
    private readonly AgentRuntimeTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public TelemetryTurnClient(IChatTurnClient innerClient, AgentRuntimeTelemetry telemetry, TimeProvider time, ILogger logger)
        : base(innerClient)
    {
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
    }

    public override async IAsyncEnumerable<AgentChatEvent> StreamAsync(
        ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var conversationId = turn.Conversation.ConversationId;
        _logger.TurnStarted(conversationId, turn.AgentId);
        using var activity = AgentRuntimeTelemetry.ActivitySource.StartActivity("nosis.agent_runtime.turn");
        activity?.SetTag("nosis.conversation.id", conversationId);
        activity?.SetTag("nosis.agent.id", turn.AgentId);
        var firstToken = false;
        try
        {
            await foreach (var chatEvent in InnerClient.StreamAsync(turn, input, cancellationToken).ConfigureAwait(false))
            {
                switch (chatEvent)
                {
                    case TextDeltaEvent or ReasoningDeltaEvent when !firstToken:
                        firstToken = true;
                        _telemetry.TimeToFirstToken.Record(_time.GetElapsedTime(turn.Started).TotalSeconds);
                        break;
                    case UsageEvent usage:
                        _telemetry.InputTokens.Add(usage.Usage.InputTokens);
                        _telemetry.OutputTokens.Add(usage.Usage.OutputTokens);
                        break;
                }

                yield return chatEvent;
            }
        }
        finally
        {
            var completion = (turn.Outcome?.Completion ?? Contracts.ReplyCompletion.Aborted).ToString();
            activity?.SetTag("nosis.turn.completion", completion);
            _telemetry.StreamDuration.Record(_time.GetElapsedTime(turn.Started).TotalSeconds, new KeyValuePair<string, object?>("completion", completion));
            _logger.TurnEnded(conversationId, completion, turn.Outcome?.StopReason, turn.Outcome?.TextLength ?? 0);
        }
    }
}
