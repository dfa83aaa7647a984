namespace Nosis.AgentRuntime.Conversations;

/// <summary>What one sweep of the shared scopes did.</summary>
/// <param name="AgentsExamined">Shared agents looked at.</param>
/// <param name="AgentsDeleted">Shared agents no scope points at (a crash between create and claim, or a lost claim), deleted with their conversations.</param>
/// <param name="ConversationsExamined">Letta conversations of claimed shared agents looked at.</param>
/// <param name="ConversationsDeleted">Letta conversations no host conversation points at, deleted.</param>
/// <param name="SkippedYoung">Agents and conversations younger than the grace period (maybe mid-claim).</param>
/// <param name="SkippedUnverifiable">Agents and conversations the registry could not confirm, or that name no owner.</param>
/// <param name="Failed">Deletions that failed (reported).</param>
public sealed record SharedScopeSweepResult(
    int AgentsExamined, int AgentsDeleted, int ConversationsExamined, int ConversationsDeleted, int SkippedYoung, int SkippedUnverifiable, int Failed);
