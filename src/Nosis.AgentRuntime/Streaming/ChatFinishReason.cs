namespace Nosis.AgentRuntime.Streaming;

/// <summary>Why a reply finished, in the AI SDK's vocabulary (the six values both <c>ai</c> 6 and 7 accept).</summary>
public enum ChatFinishReason
{
    /// <summary>The model ended its answer (<c>stop</c>).</summary>
    Stop = 0,

    /// <summary>A token or context limit cut the answer (<c>length</c>).</summary>
    Length = 1,

    /// <summary>A content filter stopped the answer (<c>content-filter</c>).</summary>
    ContentFilter = 2,

    /// <summary>The model stopped to have tools called (<c>tool-calls</c>).</summary>
    ToolCalls = 3,

    /// <summary>The reply failed (<c>error</c>).</summary>
    Error = 4,

    /// <summary>Any other reason (<c>other</c>).</summary>
    Other = 5,
}
