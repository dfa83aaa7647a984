using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Data;

/// <summary>A stored conversation, always office-owned.</summary>
/// <param name="Id">The conversation id.</param>
/// <param name="UserId">The owner.</param>
/// <param name="OfficeId">The owning office; never null (legacy rows are backfilled before they are returned).</param>
/// <param name="WorkspaceId">The attached workspace, or <see langword="null"/> for a chat thread.</param>
/// <param name="ExecutionTarget">Where its tools run; a stored legacy <c>default</c> reads as <see cref="ExecutionTarget.Sandbox"/>.</param>
/// <param name="AgentId">The claimed Letta agent, if any.</param>
/// <param name="Title">The title, if any.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record ConversationRecord(
    string Id,
    string UserId,
    string OfficeId,
    string? WorkspaceId,
    ExecutionTarget ExecutionTarget,
    string? AgentId,
    string? Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Gets the thread kind, decided by the workspace attachment.</summary>
    public ThreadKind ThreadKind => ThreadKinds.Of(WorkspaceId);

    /// <summary>Returns what the runtime needs to run a turn of this conversation.</summary>
    /// <returns>The runtime record.</returns>
    public ConversationRuntime ToRuntime() => new(Id, UserId, OfficeId, WorkspaceId, ExecutionTarget, AgentId);
}
