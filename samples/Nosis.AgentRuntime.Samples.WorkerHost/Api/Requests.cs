using System.Text.Json;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>POST /api/offices.</summary>
internal sealed record CreateOfficeRequest(string? Name);

/// <summary>POST /api/workspaces.</summary>
internal sealed record CreateWorkspaceRequest(string? Name, string? OfficeId);

/// <summary>POST /api/conversations.</summary>
internal sealed record CreateConversationRequest(string? Title, string? ExecutionTarget, string? WorkspaceId, string? OfficeId);

/// <summary>PATCH /api/conversations/{id}/title.</summary>
internal sealed record UpdateTitleRequest(string? Title);

/// <summary>PATCH /api/conversations/{id}/execution-target.</summary>
internal sealed record UpdateExecutionTargetRequest(string? ExecutionTarget);

/// <summary>PATCH /api/conversations/{id}/workspace: <c>{ "workspace_id": "…" }</c> attaches, <c>{ "workspace_id": null }</c> detaches.</summary>
/// <remarks>A <see cref="JsonElement"/> so that an explicit null (detach) differs from a missing field (refused).</remarks>
internal sealed record UpdateWorkspaceRequest(JsonElement WorkspaceId);
