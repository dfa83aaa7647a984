using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Where a played reply goes: an SSE response, or a collector for a non-streaming reply.</summary>
internal interface IReplySink
{
    /// <summary>Emits a message; <paramref name="isDelta"/> marks a token chunk that a whole-message sink merges by <c>otid</c>.</summary>
    ValueTask MessageAsync(JsonObject message, bool isDelta, CancellationToken cancellationToken);

    /// <summary>Emits an <c>event: error</c> frame.</summary>
    ValueTask ErrorEventAsync(JsonObject payload, CancellationToken cancellationToken);

    /// <summary>Ends a cancelled run: <c>event: cancelled</c>, with no stop reason and no <c>[DONE]</c>.</summary>
    ValueTask CancelledAsync(CancellationToken cancellationToken);

    /// <summary>Emits the <c>[DONE]</c> terminator.</summary>
    ValueTask DoneAsync(CancellationToken cancellationToken);
}
