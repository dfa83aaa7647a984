namespace Nosis.AgentRuntime.Streaming;

/// <summary>Letta's reply ended without a stop reason: the connection dropped or the server gave up.</summary>
internal sealed class LettaStreamIncompleteException : Exception
{
    public LettaStreamIncompleteException()
        : base("The Letta reply stream ended before Letta said why it stopped.")
    {
    }
}
