using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Letta;

/// <summary>A Letta client that can stream a reply as raw frames, so the streaming pipeline makes each token delta into one chat event and nothing else.</summary>
internal interface ILettaFrameSource
{
    /// <summary>Streams the reply's frames (never <see cref="LettaFrameKind.Done"/> or <see cref="LettaFrameKind.Skipped"/>); ends after <c>[DONE]</c> or an error frame.</summary>
    IAsyncEnumerable<LettaFrame> StreamFramesAsync(string agentId, LettaMessageRequest request, CancellationToken cancellationToken);

    /// <summary>Streams the frames of a send in a Letta conversation, as <see cref="StreamFramesAsync"/> does for an agent.</summary>
    IAsyncEnumerable<LettaFrame> StreamConversationFramesAsync(string conversationId, LettaMessageRequest request, CancellationToken cancellationToken);

    /// <summary>Reads a background run's stream from after <paramref name="startingAfter"/> as raw frames; ends after <c>[DONE]</c> or an error frame.</summary>
    IAsyncEnumerable<LettaFrame> StreamRunFramesAsync(string runId, long? startingAfter, CancellationToken cancellationToken);
}
