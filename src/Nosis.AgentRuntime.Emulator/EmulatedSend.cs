namespace Nosis.AgentRuntime.Emulator;

/// <summary>One send the emulator served: when it started and ended, on a monotonic clock.</summary>
/// <param name="AgentId">The agent.</param>
/// <param name="RunId">The run the send started.</param>
/// <param name="Streaming">Whether the reply streamed.</param>
/// <param name="Started">When the emulator began the send.</param>
/// <param name="Ended">When the last byte was written or the send failed.</param>
public sealed record EmulatedSend(string AgentId, string RunId, bool Streaming, DateTimeOffset Started, DateTimeOffset Ended)
{
    /// <summary>Returns whether this send's interval overlaps <paramref name="other"/>'s.</summary>
    /// <param name="other">The other send.</param>
    /// <returns><see langword="true"/> when they overlapped.</returns>
    public bool Overlaps(EmulatedSend other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Started < other.Ended && other.Started < Ended;
    }
}
