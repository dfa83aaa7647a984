namespace Nosis.AgentRuntime.AppServer;

/// <summary>The App Server's runtime identity: an agent and one of its conversations (<c>default</c> for the agent's own).</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="ConversationId">The conversation.</param>
internal readonly record struct RuntimeScope(string AgentId, string ConversationId)
{
    /// <summary>The conversation id the App Server gives an agent's own conversation.</summary>
    public const string DefaultConversation = "default";
}
