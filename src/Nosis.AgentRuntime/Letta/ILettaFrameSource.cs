using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Letta;

/// <summary>A Letta client that can stream a reply as raw frames, so the streaming pipeline makes each token delta into one chat event and nothing else.</summary>
internal interface ILettaFrameSource
{
    /// <summary>Gets whether an agent's own sends go through its <c>default</c> conversation, so a lost run is found through that conversation's stream.</summary>
    bool SendsThroughConversations { get; }

    /// <summary>Streams the reply's frames (never <see cref="LettaFrameKind.Done"/> or <see cref="LettaFrameKind.Skipped"/>); ends after <c>[DONE]</c> or an error frame.</summary>
    IAsyncEnumerable<LettaFrame> StreamFramesAsync(string agentId, LettaMessageRequest request, CancellationToken cancellationToken);

    /// <summary>Streams the frames of a send in a Letta conversation, as <see cref="StreamFramesAsync"/> does for an agent.</summary>
    IAsyncEnumerable<LettaFrame> StreamConversationFramesAsync(string conversationId, LettaMessageRequest request, CancellationToken cancellationToken);

    /// <summary>Reads a background run's stream from after <paramref name="startingAfter"/> as raw frames; ends after <c>[DONE]</c> or an error frame.</summary>
    IAsyncEnumerable<LettaFrame> StreamRunFramesAsync(string runId, long? startingAfter, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the active background run of a conversation (or the one of <paramref name="otid"/>) through
    /// <c>POST /v1/conversations/{id}/stream</c>, for when the send's run id was never seen; <paramref name="conversationId"/>
    /// <see langword="null"/> means the agent's own <c>default</c> conversation.
    /// </summary>
    IAsyncEnumerable<LettaFrame> StreamConversationRunFramesAsync(string? conversationId, string agentId, string? otid, long? startingAfter, CancellationToken cancellationToken);
}
