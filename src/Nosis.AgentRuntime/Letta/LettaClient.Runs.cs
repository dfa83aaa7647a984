using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Nosis.AgentRuntime.Letta.Wire;

namespace Nosis.AgentRuntime.Letta;

/// <content>Runs: listing, reading, cancelling, and reading a background run's stream again from a sequence id.</content>
public sealed partial class LettaClient : ILettaRunClient
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<LettaRun>> ListRunsAsync(LettaRunListQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        const string Operation = "GET /v1/runs/";
        var statuses = query.Statuses.ToArray();
        var background = query.Background is { } b ? (b ? "true" : "false") : null;
        var active = query.Active ? "true" : null;
        var order = query.OldestFirst ? "asc" : "desc";
        using var response = await InvokeAsync(
            Operation,
            token => _api.ListRunsAsync(query.AgentId, statuses, background, active, query.StopReason, query.ConversationId, query.Limit, query.After, order, token),
            cancellationToken).ConfigureAwait(false);
        EnsureSuccess(Operation, response);
        return response.Content ?? [];
    }

    /// <inheritdoc/>
    public async Task<LettaRun?> GetRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        var operation = $"GET /v1/runs/{runId}";
        using var response = await InvokeAsync(operation, token => _api.GetRunAsync(runId, token), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(operation, response);
        return response.Content ?? throw EmptyBody(operation, response);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, string>> CancelRunsAsync(string agentId, IReadOnlyList<string> runIds, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(runIds);
        var operation = $"POST /v1/agents/{agentId}/messages/cancel";
        var body = new LettaCancelRunsWireRequest { RunIds = runIds.Count == 0 ? null : runIds };
        using var response = await InvokeAsync(operation, token => _api.CancelRunsAsync(agentId, body, token), cancellationToken).ConfigureAwait(false);
        EnsureSuccess(operation, response);
        return (response.Content ?? []).ToDictionary(
            p => p.Key,
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(),
            StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<LettaStreamItem> StreamRunAsync(string runId, long? startingAfter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var frame in StreamRunFramesAsync(runId, startingAfter, cancellationToken).ConfigureAwait(false))
        {
            yield return frame.ToItem();
        }
    }

    /// <summary>Reads a background run's stream as raw frames, as <see cref="ILettaFrameSource.StreamFramesAsync"/> does a send's.</summary>
    IAsyncEnumerable<LettaFrame> ILettaFrameSource.StreamRunFramesAsync(string runId, long? startingAfter, CancellationToken cancellationToken) =>
        StreamRunFramesAsync(runId, startingAfter, cancellationToken);

    private async IAsyncEnumerable<LettaFrame> StreamRunFramesAsync(string runId, long? startingAfter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        if (startingAfter is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(startingAfter), startingAfter, "A sequence id is never negative.");
        }

        var path = $"/v1/runs/{Uri.EscapeDataString(runId)}/stream";
        var body = new LettaRunStreamWireRequest { StartingAfter = startingAfter };
        await foreach (var frame in ReadFramesAsync(path, () => JsonContent.Create(body, LettaJsonContext.Default.LettaRunStreamWireRequest), runId, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }
}
