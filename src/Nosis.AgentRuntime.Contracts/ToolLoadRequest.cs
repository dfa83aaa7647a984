using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Contracts;

/// <summary>What a tool loader is asked for: the tools of one conversation's execution target, office and user.</summary>
/// <param name="Conversation">The conversation; its office is always set.</param>
public sealed record ToolLoadRequest(ConversationRuntime Conversation)
{
    /// <summary>Gets the execution target whose tools to load.</summary>
    public ExecutionTarget Target => Conversation.ExecutionTarget;

    /// <summary>Gets the tool scopes the target loads.</summary>
    public IReadOnlyList<ToolScope> Scopes => ToolScopes.For(Conversation.ExecutionTarget);

    /// <summary>Gets the office whose tools and keys to use.</summary>
    public string OfficeId => Conversation.OfficeId;

    /// <summary>Gets the user the tools act for.</summary>
    public string UserId => Conversation.UserId;
}
