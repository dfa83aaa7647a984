namespace Nosis.AgentRuntime.Execution;

/// <summary>What a conversation is, decided by whether a workspace is attached.</summary>
public enum ThreadKind
{
    /// <summary>A detached chat thread: no workspace.</summary>
    Chat = 0,

    /// <summary>A code thread: attached to a workspace.</summary>
    Code = 1,
}
