namespace Nosis.AgentRuntime.Letta;

/// <summary>One message of a Letta reply: an SSE frame of a stream, or an item of a non-streaming response.</summary>
/// <remarks>
/// With token streaming every chunk of one step shares <see cref="Id"/>; <see cref="Otid"/> tells the parts of a step apart,
/// so group deltas by <see cref="Otid"/> (or by <see cref="Id"/> and type), never by <see cref="Id"/> alone.
/// </remarks>
public abstract record LettaStreamItem
{
    /// <summary>Gets the wire <c>message_type</c>.</summary>
    public abstract string MessageType { get; }

    /// <summary>Gets the message id (<c>message-…</c>, <c>ping-…</c>), if any.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the part id within a step, if any.</summary>
    public string? Otid { get; init; }

    /// <summary>Gets the run this message belongs to, if known.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the sequence number (background runs only).</summary>
    public long? SeqId { get; init; }

    /// <summary>Gets the step this message belongs to, if known.</summary>
    public string? StepId { get; init; }

    /// <summary>Gets when the server sent the message.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>Reads one Letta message (a stream frame's data, a history entry, or an App Server stream delta) as its typed item.</summary>
    /// <param name="utf8Json">The message's JSON object, UTF-8.</param>
    /// <returns>The item; a message type the runtime does not know becomes <see cref="LettaUnknownItem"/>.</returns>
    /// <exception cref="System.Text.Json.JsonException">The JSON is malformed or a known field has the wrong type.</exception>
    public static LettaStreamItem Parse(ReadOnlySpan<byte> utf8Json) => Wire.LettaFrameReader.ReadItem(utf8Json);
}
