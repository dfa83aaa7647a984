using System.Diagnostics.CodeAnalysis;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>A turn layer that passes everything to an inner layer unless it overrides <see cref="StreamAsync"/>.</summary>
[Experimental(ChatTurnClientDiagnostics.ExperimentalId)]
public abstract class DelegatingChatTurnClient : IChatTurnClient
{
    /// <summary>Initializes the layer over <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The next layer inwards.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    protected DelegatingChatTurnClient(IChatTurnClient innerClient)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        InnerClient = innerClient;
    }

    /// <summary>Gets the next layer inwards.</summary>
    protected IChatTurnClient InnerClient { get; }

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<AgentChatEvent> StreamAsync(ChatTurnContext turn, IReadOnlyList<LettaInputItem> input, CancellationToken cancellationToken = default) =>
        InnerClient.StreamAsync(turn, input, cancellationToken);
}
