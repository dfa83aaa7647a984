using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Writes a background run's reply into its <see cref="StoredRun"/>, each chunk with its sequence id, and remembers the stop reason.</summary>
/// <remarks>The emulator's <see cref="LettaEmulatorFaults.TrickleDelay"/> spaces the run's own chunks: a slow model, whoever reads it.</remarks>
internal sealed class RunSink(StoredRun run, TimeSpan trickle) : IReplySink
{
    private bool _first = true;

    public string? StopReason { get; private set; }

    public bool Failed { get; private set; }

    public async ValueTask MessageAsync(JsonObject message, bool isDelta, CancellationToken cancellationToken)
    {
        if (!_first && trickle > TimeSpan.Zero)
        {
            await Task.Delay(trickle, cancellationToken).ConfigureAwait(false);
        }

        _first = false;
        if ((string?)message["message_type"] == "stop_reason")
        {
            StopReason = (string?)message["stop_reason"];
        }

        run.Append(message, Data);
    }

    public ValueTask ErrorEventAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        Failed = true;
        run.Append(payload, p => $"event: error\ndata: {p!.ToJsonString(WireFormat.JsonOptions)}\n\n");
        return default;
    }

    // A cancelled background run: the agent loop's cancelled stop reason, then the writer's terminal [DONE] (mark_complete).
    public ValueTask CancelledAsync(CancellationToken cancellationToken)
    {
        StopReason = "cancelled";
        run.Append(ReplyFrames.Plain("stop_reason", new JsonObject { ["stop_reason"] = "cancelled" }), Data);
        return DoneAsync(cancellationToken);
    }

    public ValueTask DoneAsync(CancellationToken cancellationToken)
    {
        run.Append(null, static _ => "data: [DONE]\n\n");
        return default;
    }

    private static string Data(JsonObject? message) => $"data: {message!.ToJsonString(WireFormat.JsonOptions)}\n\n";
}
