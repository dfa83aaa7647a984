namespace Nosis.AgentRuntime.Claims;

/// <summary>What one orphan sweep did.</summary>
/// <param name="Examined">Agents tagged by the runtime that were looked at.</param>
/// <param name="Deleted">Orphans this sweep deleted.</param>
/// <param name="AlreadyGone">Orphans another sweeper deleted first (404).</param>
/// <param name="Kept">Agents their conversation points to.</param>
/// <param name="SkippedYoung">Agents younger than the grace period (maybe mid-claim).</param>
/// <param name="SkippedUnverifiable">Agents whose conversation the registry could not confirm, or that name no conversation.</param>
/// <param name="Failed">Orphans whose deletion failed (reported).</param>
public sealed record OrphanSweepResult(int Examined, int Deleted, int AlreadyGone, int Kept, int SkippedYoung, int SkippedUnverifiable, int Failed);
