using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Writes a background run's reply into its <see cref="StoredRun"/>, each chunk with its sequence id, and remembers the stop reason.</summary>
internal sealed class RunSink(StoredRun run) : IReplySink
{
    public string? StopReason { get; private set; }

    public bool Failed { get; private set; }

    public ValueTask MessageAsync(JsonObject message, bool isDelta, CancellationToken cancellationToken)
    {
        if ((string?)message["message_type"] == "stop_reason")
        {
            StopReason = (string?)message["stop_reason"];
        }

        run.Append(message, Data);
        return default;
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
