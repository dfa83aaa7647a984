using System.Diagnostics.CodeAnalysis;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>One running turn as the layers of the turn pipeline see it: who it is for, what it may use, and what Letta has said so far.</summary>
/// <remarks>Created by <see cref="AgentChatService"/> for each turn; the layers of one turn run on one logical thread, one after the other.</remarks>
[Experimental(ChatTurnClientDiagnostics.ExperimentalId)]
public sealed class ChatTurnContext
{
    private readonly TaskCompletionSource _firstFrame = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ChatTurnContext(AgentChatRequest request, LettaTarget target, string assistantMessageId, ToolSet tools, CancellationToken leaseLost, long started)
    {
        Request = request;
        AgentId = target.AgentId;
        LettaConversationId = target.LettaConversationId;
        AssistantMessageId = assistantMessageId;
        Tools = tools;
        LeaseLost = leaseLost;
        Started = started;
    }

    /// <summary>Gets the user's turn as the host sent it.</summary>
    public AgentChatRequest Request { get; }

    /// <summary>Gets the conversation the turn belongs to.</summary>
    public ConversationRuntime Conversation => Request.Conversation;

    /// <summary>Gets the id of the Letta agent that replies; it changes when Letta lost the agent and the turn continues on a new one.</summary>
    public string AgentId { get; private set; }

    /// <summary>Gets the Letta conversation the turn runs in (the shared agent scopes), or <see langword="null"/> when it talks to an agent of its own.</summary>
    public string? LettaConversationId { get; private set; }

    /// <summary>Gets the id of the assistant reply, as announced in the stream and stored.</summary>
    public string AssistantMessageId { get; }

    /// <summary>Gets the client tools loaded for the turn; the persistence layer releases them when the turn ends.</summary>
    public ToolSet Tools { get; }

    /// <summary>Gets a token that fires when another process took over the conversation's turn lease.</summary>
    public CancellationToken LeaseLost { get; }

    /// <summary>Gets a token that fires when the host starts to stop; the turn then ends with an error and its partial reply is stored.</summary>
    internal CancellationToken HostStopping { get; init; }

    /// <summary>Gets the first Letta run id seen in the turn, if any yet.</summary>
    public string? RunId { get; private set; }

    /// <summary>Gets a value indicating whether Letta has sent at least one frame of the reply.</summary>
    public bool HasLettaFrame { get; private set; }

    /// <summary>Gets the log context of the turn, <c>conversation=&lt;id&gt;</c>.</summary>
    internal string ReportContext => $"conversation={Conversation.ConversationId}";

    /// <summary>Gets when the turn started, as a <see cref="TimeProvider"/> timestamp.</summary>
    internal long Started { get; }

    /// <summary>Gets a task that completes when Letta's first frame arrives (or the turn ends without one).</summary>
    internal Task FirstFrame => _firstFrame.Task;

    /// <summary>Gets the ids of tool calls whose result the turn already reported, so Letta's echo of one is not reported twice.</summary>
    internal HashSet<string> ReportedToolResults { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets how the turn ended, once the persistence layer has decided it.</summary>
    internal TurnOutcome? Outcome { get; set; }

    /// <summary>Moves the turn to <paramref name="agentId"/>, which replaced an agent Letta lost.</summary>
    internal void ReplaceAgent(string agentId) => AgentId = agentId;

    internal void ReplaceTarget(LettaTarget target)
    {
        AgentId = target.AgentId;
        LettaConversationId = target.LettaConversationId;
    }

    /// <summary>Records a Letta frame: the first one releases <see cref="FirstFrame"/>; the first run id is kept.</summary>
    internal void OnLettaFrame(string? runId)
    {
        RunId ??= runId;
        if (!HasLettaFrame)
        {
            HasLettaFrame = true;
            _firstFrame.TrySetResult();
        }
    }

    /// <summary>Ends the wait for the first frame: with <paramref name="refusal"/> when the turn was refused before it, else normally.</summary>
    internal void EndFirstFrameWait(Exception? refusal)
    {
        if (refusal is not null && !HasLettaFrame)
        {
            _firstFrame.TrySetException(refusal);
        }
        else
        {
            _firstFrame.TrySetResult();
        }
    }
}
