namespace Nosis.AgentRuntime.Letta;

/// <summary>Letta's runs: list and read them, read a background run's stream again from a sequence id, and cancel them.</summary>
/// <remarks>Errors as <see cref="ILettaClient"/>'s. No call retries; retry policy belongs to the caller.</remarks>
public interface ILettaRunClient
{
    /// <summary>Lists one page of runs (<c>GET /v1/runs/</c>).</summary>
    /// <param name="query">The filters, page size and cursor.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The page; empty when there are no more runs.</returns>
    Task<IReadOnlyList<LettaRun>> ListRunsAsync(LettaRunListQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads a run (<c>GET /v1/runs/{run_id}</c>).</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The run, or <see langword="null"/> when Letta answers 404.</returns>
    Task<LettaRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Cancels runs of an agent (<c>POST /v1/agents/{agent_id}/messages/cancel</c> with <c>run_ids</c>).</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="runIds">The runs to cancel; every active run of the agent when empty.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Letta's answer: each run id with <c>cancelled</c> or <c>failed</c>.</returns>
    Task<IReadOnlyDictionary<string, string>> CancelRunsAsync(string agentId, IReadOnlyList<string> runIds, CancellationToken cancellationToken = default);

    /// <summary>Reads a background run's stream (<c>POST /v1/runs/{run_id}/stream</c>) from after <paramref name="startingAfter"/>, then live to its end.</summary>
    /// <param name="runId">The run id.</param>
    /// <param name="startingAfter">The last sequence id already read; from the start when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the request and aborts the connection.</param>
    /// <returns>The run's items, as <see cref="ILettaClient.StreamMessageAsync"/> yields them.</returns>
    /// <remarks>Letta answers 400 for a run not created in background mode and 410 for one older than three hours.</remarks>
    IAsyncEnumerable<LettaStreamItem> StreamRunAsync(string runId, long? startingAfter, CancellationToken cancellationToken = default);
}
