namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>What a <see cref="LettaFrame"/> holds.</summary>
internal enum LettaFrameKind
{
    /// <summary>A typed item.</summary>
    Item,

    /// <summary>An <c>assistant_message</c> token delta with plain text content.</summary>
    TextDelta,

    /// <summary>A <c>reasoning_message</c> token delta.</summary>
    ReasoningDelta,

    /// <summary><c>data: [DONE]</c>: the stream's end.</summary>
    Done,

    /// <summary>An event type the reply does not need (e.g. <c>event: cancelled</c>, after the stop reason that said so).</summary>
    Skipped,
}
