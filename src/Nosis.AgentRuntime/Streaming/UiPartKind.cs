namespace Nosis.AgentRuntime.Streaming;

/// <summary>The kind of the open streamed part of a UI message.</summary>
internal enum UiPartKind
{
    None,
    Text,
    Reasoning,
}
