namespace Nosis.AgentRuntime.Streaming;

/// <summary>The agent reasoned, but its reasoning is hidden: redacted by the provider or omitted by the API.</summary>
/// <param name="PartId">The reasoning part this stands for.</param>
/// <param name="State"><c>redacted</c> or <c>omitted</c>, as Letta reports it.</param>
/// <remarks>No text comes with it: a UI shows that reasoning happened, never invented text.</remarks>
public sealed record HiddenReasoningEvent(string PartId, string State) : AgentChatEvent;
