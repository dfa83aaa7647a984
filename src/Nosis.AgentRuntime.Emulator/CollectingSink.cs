using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Collects a reply for a non-streaming answer (<c>LettaResponse</c>).</summary>
internal sealed class CollectingSink : IReplySink
{
    public List<JsonObject> Messages { get; } = [];

    public JsonObject? StopReason { get; private set; }

    public JsonObject? Usage { get; private set; }

    public JsonObject? Error { get; private set; }

    public ValueTask MessageAsync(JsonObject message, bool isDelta, CancellationToken cancellationToken)
    {
        switch ((string?)message["message_type"])
        {
            case "stop_reason":
                StopReason = message;
                break;
            case "usage_statistics":
                Usage = message;
                break;
            case "ping" or "response_state":
                break;
            default:
                Messages.Add(message);
                break;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ErrorEventAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        Error = payload;
        return ValueTask.CompletedTask;
    }

    public ValueTask CancelledAsync(CancellationToken cancellationToken)
    {
        StopReason = new JsonObject { ["message_type"] = "stop_reason", ["stop_reason"] = "cancelled" };
        return ValueTask.CompletedTask;
    }

    public ValueTask DoneAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public JsonObject ToResponse() => new()
    {
        ["messages"] = new JsonArray([.. Messages]),
        ["stop_reason"] = StopReason,
        ["usage"] = Usage,
    };
}
