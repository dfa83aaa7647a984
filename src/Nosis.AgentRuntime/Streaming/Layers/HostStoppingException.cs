namespace Nosis.AgentRuntime.Streaming;

/// <summary>The host began to stop while the turn's reply streamed: the turn ends with an error and its partial reply is stored.</summary>
internal sealed class HostStoppingException()
    : Exception("The host is shutting down; the reply was cut short.");
