using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>An office as the API shows it.</summary>
internal sealed record OfficeResponse(string Id, string Name, bool Personal, DateTimeOffset CreatedAt)
{
    public static OfficeResponse From(OfficeRecord office) => new(office.Id, office.Name, office.PersonalUserId is not null, office.CreatedAt);
}

/// <summary>A workspace as the API shows it.</summary>
internal sealed record WorkspaceResponse(string Id, string Name, string OfficeId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static WorkspaceResponse From(WorkspaceRecord workspace) =>
        new(workspace.Id, workspace.Name, workspace.OfficeId, workspace.CreatedAt, workspace.UpdatedAt);
}

/// <summary>A conversation as the API shows it; <c>thread_kind</c> is <c>chat</c> without a workspace and <c>code</c> with one.</summary>
internal sealed record ConversationResponse(
    string Id,
    string? Title,
    ExecutionTarget ExecutionTarget,
    string ThreadKind,
    string OfficeId,
    string? WorkspaceId,
    string? AgentId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ConversationResponse From(ConversationRecord c) =>
        new(c.Id, c.Title, c.ExecutionTarget, c.ThreadKind.ToString().ToLowerInvariant(), c.OfficeId, c.WorkspaceId, c.AgentId, c.CreatedAt, c.UpdatedAt);
}

/// <summary>A stored message as the API shows it.</summary>
internal sealed record MessageResponse(
    string Id,
    string Role,
    string Content,
    DateTimeOffset CreatedAt,
    string? AgentId,
    string? Model,
    long? InputTokens,
    long? OutputTokens,
    long? ReasoningTokens,
    long? CachedInputTokens,
    int? StepCount,
    bool IsTruncated,
    string? Completion)
{
    public static MessageResponse From(MessageRecord m) => new(
        m.Id,
        m.Role.ToString().ToLowerInvariant(),
        m.Content,
        m.CreatedAt,
        m.AgentId,
        m.Model,
        m.InputTokens,
        m.OutputTokens,
        m.ReasoningTokens,
        m.CachedInputTokens,
        m.StepCount,
        m.IsTruncated,
        m.Completion?.ToString().ToLowerInvariant());
}

/// <summary>GET /api/offices.</summary>
internal sealed record OfficeListResponse(IReadOnlyList<OfficeResponse> Offices);

/// <summary>GET /api/workspaces.</summary>
internal sealed record WorkspaceListResponse(IReadOnlyList<WorkspaceResponse> Workspaces, int Limit, int Offset);

/// <summary>GET /api/conversations.</summary>
internal sealed record ConversationListResponse(IReadOnlyList<ConversationResponse> Conversations, ExecutionTarget ExecutionTarget, int Limit, int Offset);

/// <summary>GET /api/conversations/{id}/messages.</summary>
internal sealed record MessageListResponse(string ConversationId, IReadOnlyList<MessageResponse> Messages, int Limit, int Offset);
