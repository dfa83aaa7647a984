namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Limits of the chat and history endpoints mapped by <c>MapAgentChat</c> and <c>MapAgentChatHistory</c>.</summary>
public sealed class AgentChatEndpointOptions
{
    /// <summary>Gets or sets the largest request body the chat endpoint reads; a larger one is answered 413.</summary>
    /// <value>The default is 1 MiB (useChat sends the whole conversation with every message).</value>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the longest user text, in characters, the chat endpoint accepts; a longer one is answered 400.</summary>
    /// <value>The default is 32,000.</value>
    public int MaxUserTextLength { get; set; } = 32_000;

    /// <summary>Gets or sets the most messages the history endpoint returns, oldest first.</summary>
    /// <value>The default is 1,000.</value>
    public int HistoryLimit { get; set; } = 1000;
}
