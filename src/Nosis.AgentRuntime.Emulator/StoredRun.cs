using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>
/// A run the emulator keeps, as Letta's run manager and its Redis stream do: the status, and for a background run every chunk
/// written so far with its sequence id (RedisSSEStreamWriter in letta/server/rest_api/redis_stream_manager.py), so that any
/// number of readers can follow it from any point while the run goes on without them. Thread-safe.
/// </summary>
internal sealed class StoredRun
{
    private readonly object _gate = new();
    private readonly List<(long SeqId, string Data)> _chunks = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StoredRun(string id, string agentId, bool background, DateTimeOffset createdAt, long sequence)
    {
        Id = id;
        AgentId = agentId;
        Background = background;
        CreatedAt = createdAt;
        Sequence = sequence;
    }

    public string Id { get; }

    public string AgentId { get; }

    public bool Background { get; }

    public DateTimeOffset CreatedAt { get; }

    public long Sequence { get; }

    /// <summary>Cancelled by Letta's cancel route; the background run's reply then ends with <c>stop_reason: cancelled</c>.</summary>
    public CancellationTokenSource Cancellation { get; } = new();

    public string Status { get; private set; } = "running";

    public string? StopReason { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public bool IsActive => Status is "created" or "running";

    /// <summary>Appends one SSE chunk; <paramref name="data"/> gets the chunk's sequence id when it has a <c>seq_id</c> field.</summary>
    public void Append(JsonObject? data, Func<JsonObject?, string> format)
    {
        lock (_gate)
        {
            var seqId = _chunks.Count + 1L;
            if (data is not null && data.ContainsKey("seq_id"))
            {
                data["seq_id"] = seqId;
            }

            _chunks.Add((seqId, format(data)));
            Signal();
        }
    }

    /// <summary>Ends the run with its terminal status (letta/schemas/letta_stop_reason.py StopReasonType.run_status).</summary>
    public void End(string status, string? stopReason, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!IsActive)
            {
                return;
            }

            Status = status;
            StopReason = stopReason;
            CompletedAt = at;
            Signal();
        }
    }

    /// <summary>Reads the chunks after <paramref name="seqId"/>; <paramref name="ended"/> says whether no more will come.</summary>
    public IReadOnlyList<(long SeqId, string Data)> After(long seqId, out bool ended, out Task changed)
    {
        lock (_gate)
        {
            ended = !IsActive;
            changed = _changed.Task;
            var from = (int)Math.Clamp(seqId, 0, _chunks.Count);
            return _chunks.GetRange(from, _chunks.Count - from);
        }
    }

    public EmulatedRun Snapshot() => new(Id, AgentId, Status, StopReason, Background, CreatedAt)
    {
        CompletedAt = CompletedAt,
        ChunkCount = ChunkCount(),
    };

    private int ChunkCount()
    {
        lock (_gate)
        {
            return _chunks.Count;
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
