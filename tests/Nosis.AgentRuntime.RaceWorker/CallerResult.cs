namespace Nosis.AgentRuntime.RaceWorker;

/// <summary>What one caller saw; printed as one JSON line.</summary>
/// <param name="Worker">The worker process's name.</param>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Caller">The caller's index within this process.</param>
/// <param name="Kind"><c>turn</c> for a chat turn, <c>claim</c> for a bare resolve.</param>
/// <param name="AgentId">The agent id the caller got, or <see langword="null"/> when it failed first.</param>
/// <param name="Completion">How the turn ended (<c>Completed</c>, <c>Aborted</c>, <c>Failed</c>); <see langword="null"/> for a claim or a failure.</param>
/// <param name="Error">The exception type and message when the caller failed.</param>
internal sealed record CallerResult(string Worker, string ConversationId, int Caller, string Kind, string? AgentId, string? Completion, string? Error)
{
    /// <summary>Gets the Letta conversation a claim in a shared scope resolved, if any.</summary>
    public string? LettaConversationId { get; init; }
}
