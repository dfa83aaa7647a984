namespace Nosis.AgentRuntime.Letta;

/// <summary>The reply to a non-streaming send (<c>LettaResponse</c>).</summary>
/// <param name="Messages">The messages of the reply, in order.</param>
/// <param name="StopReason">Why the agent stopped, if reported.</param>
/// <param name="Usage">Token usage, if reported.</param>
public sealed record LettaResponse(IReadOnlyList<LettaStreamItem> Messages, LettaStopReason? StopReason, LettaUsageStatistics? Usage);
