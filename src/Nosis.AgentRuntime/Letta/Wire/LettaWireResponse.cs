namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>The body of a non-streaming send's reply (<c>LettaResponse</c>).</summary>
internal sealed class LettaWireResponse
{
    public List<LettaWireMessage>? Messages { get; set; }

    public LettaWireMessage? StopReason { get; set; }

    public LettaWireMessage? Usage { get; set; }
}
