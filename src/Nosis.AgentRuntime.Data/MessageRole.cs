namespace Nosis.AgentRuntime.Data;

/// <summary>Who wrote a stored message.</summary>
public enum MessageRole
{
    /// <summary>The user.</summary>
    User = 0,

    /// <summary>The assistant (the Letta agent).</summary>
    Assistant = 1,
}
