using System.Diagnostics.CodeAnalysis;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Streams the events of a turn for some Letta input: one layer of the turn pipeline that <see cref="AgentChatService"/> runs.</summary>
/// <remarks>
/// <para>
/// The pipeline is built like Microsoft.Extensions.AI's chat clients: each layer has one job and delegates to the next
/// through <see cref="DelegatingChatTurnClient"/>. From the outside in: telemetry and logging, persistence (the reply
/// stored exactly once, tools released, errors reported), the host's own layers, client-tool invocation (the approval
/// loop and the step limit), and the Letta step, which maps one Letta request's stream to events. Outer layers are
/// called once per turn; the client-tool layer calls the Letta step once per step.
/// </para>
/// <para>Layers are shared by every turn of a service, so they keep per-turn state in locals or in the <see cref="ChatTurnContext"/>.</para>
/// </remarks>
[Experimental(ChatTurnClientDiagnostics.ExperimentalId)]
public interface IChatTurnClient
{
    /// <summary>Streams the events that answer <paramref name="input"/>.</summary>
    /// <param name="turn">The turn being run.</param>
    /// <param name="input">What to send Letta: the user's message, or the answers to pending client tool calls.</param>
    /// <param name="cancellationToken">Fires when the turn is aborted (the consumer left, or the turn lease was lost).</param>
    /// <returns>The events, in order.</returns>
    IAsyncEnumerable<AgentChatEvent> StreamAsync(ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, CancellationToken cancellationToken = default);
}
