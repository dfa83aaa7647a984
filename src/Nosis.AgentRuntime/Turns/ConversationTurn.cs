namespace Nosis.AgentRuntime.Turns;

/// <summary>A running turn of one conversation; disposing it lets the next turn start.</summary>
/// <remarks>Dispose exactly once when the turn ends, however it ends (completed, failed, cancelled); further disposals do nothing.</remarks>
internal sealed class ConversationTurn : IAsyncDisposable
{
    private readonly ConversationTurnGate _gate;
    private readonly ConversationTurnGate.Slot _slot;
    private readonly TurnLease? _lease;
    private int _disposed;

    internal ConversationTurn(ConversationTurnGate gate, string conversationId, ConversationTurnGate.Slot slot, TurnLease? lease)
    {
        _gate = gate;
        _slot = slot;
        _lease = lease;
        ConversationId = conversationId;
    }

    /// <summary>Gets the conversation.</summary>
    public string ConversationId { get; }

    /// <summary>Gets this turn's owner token in the lease store, or <see langword="null"/> without a lease store.</summary>
    public string? LeaseOwnerToken => _lease?.OwnerToken;

    /// <summary>Gets a token that fires when the cross-process lease was lost to another owner; the turn should stop sending then.</summary>
    public CancellationToken LeaseLost => _lease?.Lost ?? CancellationToken.None;

    /// <summary>Stops renewing and releases the lease, then frees the conversation in this process.</summary>
    /// <returns>A task that completes once the turn is over.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_lease is not null)
            {
                await _lease.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Leave(ConversationId, _slot, entered: true);
        }
    }
}
