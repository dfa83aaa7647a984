namespace Nosis.AgentRuntime.Contracts;

/// <summary>Who shares a conversation's Letta agent: the host chooses it per conversation.</summary>
/// <remarks>
/// In the shared scopes (<see cref="User"/>, <see cref="Office"/>) one agent, and so one set of memory blocks, serves many host
/// conversations, and each host conversation runs in its own Letta conversation inside that agent (its own context window).
/// </remarks>
public enum AgentScope
{
    /// <summary>One agent per host conversation: nothing is shared between threads (the default).</summary>
    Conversation = 0,

    /// <summary>One agent per user within an office; each of the user's conversations is a Letta conversation of it.</summary>
    User = 1,

    /// <summary>One agent per office; each of the office's conversations is a Letta conversation of it.</summary>
    Office = 2,
}
