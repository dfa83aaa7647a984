namespace Nosis.AgentRuntime.Streaming;

/// <summary>The upstream is alive but has nothing new (a Letta ping); lets proxies keep an idle connection open.</summary>
public sealed record KeepaliveEvent : AgentChatEvent;
