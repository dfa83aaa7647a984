using System.Text.Json;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The body of a non-streaming send's reply (<c>LettaResponse</c>); each message is read by <see cref="LettaFrameReader"/>, like a stream frame.</summary>
internal sealed class LettaWireResponse
{
    public List<JsonElement>? Messages { get; set; }

    public JsonElement? StopReason { get; set; }

    public JsonElement? Usage { get; set; }
}
