using System.Collections.Concurrent;
using System.Text.Json;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>The commands sent and not yet answered, by <c>request_id</c>.</summary>
internal sealed class PendingRequests
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new(StringComparer.Ordinal);
    private long _next;

    /// <summary>Registers a new request and returns its id and the task its answer completes.</summary>
    public (string Id, Task<JsonElement> Answer) Add()
    {
        var id = $"nosis-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}"[..32];
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        return (id, answer.Task);
    }

    /// <summary>Completes the request <paramref name="id"/> with <paramref name="frame"/>; false when no such request waits.</summary>
    public bool TryComplete(string id, JsonElement frame) => _pending.TryRemove(id, out var answer) && answer.TrySetResult(frame);

    /// <summary>Forgets a request that timed out or was cancelled.</summary>
    public void Remove(string id) => _pending.TryRemove(id, out _);

    /// <summary>Fails every waiting request of a connection that dropped.</summary>
    public void FailAll(Exception reason)
    {
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var answer))
            {
                answer.TrySetException(reason);
            }
        }
    }
}
