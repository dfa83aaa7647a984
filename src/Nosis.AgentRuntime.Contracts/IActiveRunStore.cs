namespace Nosis.AgentRuntime.Contracts;

/// <summary>Keeps the conversation's turn state for background runs: which Letta run its reply is streaming from, and how far it has been read.</summary>
/// <remarks>
/// <para>
/// The runtime records the run when a background send starts, moves the sequence id on while it reads, and clears the run when
/// the reply ends. Any instance reads it to resume the reply's stream or to stop the run, so hosts on many machines keep it in
/// the store they share. One active run per conversation: a new one replaces the old.
/// </para>
/// <para>Each member is one atomic operation on the conversation's state.</para>
/// </remarks>
public interface IActiveRunStore
{
    /// <summary>Records <paramref name="run"/> as the conversation's active run, replacing any other.</summary>
    /// <param name="run">The run.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="false"/> when the conversation does not exist.</returns>
    Task<bool> SetActiveRunAsync(ActiveRun run, CancellationToken cancellationToken = default);

    /// <summary>Moves the active run's last sequence id forward to <paramref name="seqId"/>; never backward, and only while <paramref name="runId"/> is the active run.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="runId">The run that was read.</param>
    /// <param name="seqId">The last sequence id read.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when the stored sequence id changed.</returns>
    Task<bool> AdvanceAsync(string conversationId, string runId, long seqId, CancellationToken cancellationToken = default);

    /// <summary>Reads the conversation's active run.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The run, or <see langword="null"/> when the conversation has none (or does not exist).</returns>
    Task<ActiveRun?> GetActiveRunAsync(string conversationId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the active run, but only while it is <paramref name="runId"/> (a newer run stays).</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="runId">The run that ended.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when this call cleared it.</returns>
    Task<bool> ClearActiveRunAsync(string conversationId, string runId, CancellationToken cancellationToken = default);
}
