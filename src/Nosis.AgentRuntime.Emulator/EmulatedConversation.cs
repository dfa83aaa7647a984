namespace Nosis.AgentRuntime.Emulator;

/// <summary>A conversation the emulator holds, as tests see it.</summary>
/// <param name="Id">The conversation's id (<c>conv-…</c>).</param>
/// <param name="AgentId">The agent it belongs to.</param>
/// <param name="Description">Its description.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record EmulatedConversation(string Id, string AgentId, string? Description, DateTimeOffset CreatedAt);
