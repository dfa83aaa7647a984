using System.Text;
using System.Text.Json;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>One turn of <see cref="DirectAppServerClient"/>: when it started, when its first text delta and its end arrived, and its text.</summary>
public sealed class DirectTurn(string agentId, long started)
{
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _text = new();

    public long Started { get; } = started;

    /// <summary>Gets the <see cref="System.Diagnostics.Stopwatch"/> timestamp of the first <c>assistant_message</c> delta, 0 before it.</summary>
    public long FirstText { get; private set; }

    public long Ended { get; private set; }

    public string? StopReason { get; private set; }

    public string Text => _text.ToString();

    public Task Finished => _finished.Task;

    /// <summary>Whether a runtime frame belongs to this turn's agent (frames without a <c>runtime</c> are taken as the turn's).</summary>
    public bool Owns(JsonElement frame) =>
        !frame.TryGetProperty("runtime", out var runtime) || runtime.ValueKind != JsonValueKind.Object
        || !runtime.TryGetProperty("agent_id", out var agent) || agent.ValueEquals(agentId);

    public void AddText(long timestamp, string text)
    {
        if (FirstText == 0)
        {
            FirstText = timestamp;
        }

        _text.Append(text);
    }

    public void Finish(long timestamp, string? stopReason)
    {
        Ended = timestamp;
        StopReason = stopReason;
        _finished.TrySetResult();
    }

    public void Fail(Exception reason) => _finished.TrySetException(reason);
}
