using System.Diagnostics.CodeAnalysis;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Contracts;

/// <summary>What the runtime needs to know about one conversation to run a turn of it.</summary>
/// <remarks>
/// Every conversation belongs to an office: <see cref="OfficeId"/> is never <see langword="null"/> or blank, and the runtime
/// refuses to load tools or resolve keys without one. <see cref="WorkspaceId"/> may be <see langword="null"/>: that is a
/// detached chat thread, a first-class value. The checks also run on <see langword="with"/> expressions.
/// </remarks>
public sealed record ConversationRuntime
{
    /// <summary>Initializes a new conversation record.</summary>
    /// <param name="conversationId">The conversation's id.</param>
    /// <param name="userId">The id of the user who owns the conversation.</param>
    /// <param name="officeId">The office the conversation belongs to; required.</param>
    /// <param name="workspaceId">The attached workspace, or <see langword="null"/> for a chat thread.</param>
    /// <param name="executionTarget">Where the conversation's tools run.</param>
    /// <param name="agentId">The Letta agent already claimed for the conversation, if any.</param>
    /// <exception cref="ArgumentException"><paramref name="conversationId"/> or <paramref name="userId"/> is blank, or <paramref name="workspaceId"/> is blank but not null.</exception>
    /// <exception cref="MissingOfficeIdException"><paramref name="officeId"/> is null, empty or white space.</exception>
    [SetsRequiredMembers]
    public ConversationRuntime(
        string conversationId,
        string userId,
        string officeId,
        string? workspaceId = null,
        ExecutionTarget executionTarget = ExecutionTarget.Sandbox,
        string? agentId = null)
    {
        ConversationId = conversationId;
        UserId = userId;
        OfficeId = officeId;
        WorkspaceId = workspaceId;
        ExecutionTarget = executionTarget;
        AgentId = agentId;
    }

    /// <summary>Gets the conversation's id.</summary>
    public required string ConversationId
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(ConversationId));
            field = value;
        }
    }

    /// <summary>Gets the id of the user who owns the conversation.</summary>
    public required string UserId
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(UserId));
            field = value;
        }
    }

    /// <summary>Gets the office the conversation belongs to; never null or blank.</summary>
    public required string OfficeId
    {
        get;
        init => field = string.IsNullOrWhiteSpace(value) ? throw new MissingOfficeIdException(ConversationId) : value;
    }

    /// <summary>Gets the attached workspace, or <see langword="null"/> for a detached chat thread.</summary>
    public string? WorkspaceId
    {
        get;
        init
        {
            _ = ThreadKinds.Of(value);
            field = value;
        }
    }

    /// <summary>Gets where the conversation's tools run.</summary>
    public ExecutionTarget ExecutionTarget { get; init; }

    /// <summary>Gets the Letta agent already claimed for the conversation, or <see langword="null"/> when none is yet.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets who shares the conversation's Letta agent.</summary>
    /// <value>The default is <see cref="AgentScope.Conversation"/>: an agent of its own.</value>
    public AgentScope AgentScope { get; init; }

    /// <summary>Gets the thread kind, derived from <see cref="WorkspaceId"/>.</summary>
    public ThreadKind ThreadKind => ThreadKinds.Of(WorkspaceId);
}
