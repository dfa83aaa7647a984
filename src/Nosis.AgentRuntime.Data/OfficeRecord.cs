namespace Nosis.AgentRuntime.Data;

/// <summary>An office: the owner of workspaces and conversations.</summary>
/// <param name="Id">The office id.</param>
/// <param name="Name">The display name.</param>
/// <param name="PersonalUserId">The user whose personal office this is, or <see langword="null"/> for a shared office.</param>
/// <param name="CreatedAt">When the office was created.</param>
public sealed record OfficeRecord(string Id, string Name, string? PersonalUserId, DateTimeOffset CreatedAt);
