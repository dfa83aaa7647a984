namespace Nosis.AgentRuntime.Data;

/// <summary>A workspace (a code project), always owned by an office.</summary>
/// <param name="Id">The workspace id.</param>
/// <param name="OfficeId">The owning office; never null.</param>
/// <param name="UserId">The user who created it.</param>
/// <param name="Name">The display name.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record WorkspaceRecord(string Id, string OfficeId, string UserId, string Name, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
