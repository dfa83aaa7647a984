namespace Nosis.AgentRuntime.Emulator;

/// <summary>A snapshot of a run the emulator holds.</summary>
/// <param name="Id">The run id.</param>
/// <param name="AgentId">The agent the run belongs to.</param>
/// <param name="Status">Its status: <c>running</c>, <c>completed</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="StopReason">Why it stopped, once it has.</param>
/// <param name="Background">Whether it was created in background mode.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record EmulatedRun(string Id, string AgentId, string Status, string? StopReason, bool Background, DateTimeOffset CreatedAt)
{
    /// <summary>Gets when it completed, once it has.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets how many SSE chunks a background run has written so far (its last sequence id).</summary>
    public int ChunkCount { get; init; }
}
