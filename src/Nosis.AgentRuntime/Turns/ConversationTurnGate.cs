using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Turns;

/// <summary>Lets one turn at a time run per conversation: in this process always, across processes when a <see cref="ITurnLeaseStore"/> is registered.</summary>
/// <remarks>
/// Letta takes no per-agent lock on agent-scoped sends, so two overlapping turns of one conversation would corrupt the
/// agent's history. A turn first waits for earlier turns of its conversation in this process, then (with a lease
/// store) takes the conversation's lease, retrying until <see cref="AgentRuntimeOptions.TurnWaitTimeout"/> has passed in
/// all; past that it fails with <see cref="AgentBusyException"/>. Idle conversations hold no memory.
/// </remarks>
internal sealed class ConversationTurnGate
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly ITurnLeaseStore? _leaseStore;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TimeSpan _waitTimeout;
    private readonly TimeSpan _leaseDuration;

    /// <summary>Initializes a gate.</summary>
    /// <param name="options">The runtime options (wait timeout, lease duration).</param>
    /// <param name="leaseStore">The host's cross-process lease store, if any.</param>
    /// <param name="timeProvider">The clock for lease retries and renewals.</param>
    /// <param name="logger">The logger.</param>
    public ConversationTurnGate(
        IOptions<AgentRuntimeOptions> options,
        ITurnLeaseStore? leaseStore = null,
        TimeProvider? timeProvider = null,
        ILogger<ConversationTurnGate>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var values = options.Value;
        ArgumentOutOfRangeException.ThrowIfLessThan(values.TurnWaitTimeout, TimeSpan.Zero, nameof(options));
        if (leaseStore is not null)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(values.TurnLeaseDuration, TimeSpan.Zero, nameof(options));
        }

        _waitTimeout = values.TurnWaitTimeout;
        _leaseDuration = values.TurnLeaseDuration;
        _leaseStore = leaseStore;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Gets how many conversations have a turn running or waiting in this process.</summary>
    internal int ActiveConversationCount
    {
        get
        {
            lock (_slots)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>Waits until the conversation is free, then holds it until the returned turn is disposed.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="cancellationToken">Cancels the wait; a cancelled wait holds nothing.</param>
    /// <returns>The running turn; dispose it when the turn ends, however it ends.</returns>
    /// <exception cref="AgentBusyException">The conversation stayed busy for the whole wait timeout.</exception>
    public async Task<ConversationTurn> EnterAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        cancellationToken.ThrowIfCancellationRequested();
        var started = _timeProvider.GetTimestamp();
        var slot = Reserve(conversationId);
        var entered = false;
        try
        {
            if (!slot.Semaphore.Wait(0, CancellationToken.None))
            {
                _logger.TurnWaiting(conversationId);
                entered = await slot.Semaphore.WaitAsync(_waitTimeout, cancellationToken).ConfigureAwait(false);
                if (!entered)
                {
                    throw Busy(conversationId);
                }
            }

            entered = true;
            TurnLease? lease = null;
            if (_leaseStore is not null)
            {
                lease = await AcquireLeaseAsync(_leaseStore, conversationId, started, cancellationToken).ConfigureAwait(false);
            }

            return new ConversationTurn(this, conversationId, slot, lease);
        }
        catch
        {
            Leave(conversationId, slot, entered);
            throw;
        }
    }

    /// <summary>Gives the conversation back to the next waiting turn.</summary>
    internal void Leave(string conversationId, Slot slot, bool entered)
    {
        lock (_slots)
        {
            if (--slot.Users == 0)
            {
                _slots.Remove(conversationId);
            }
        }

        if (entered)
        {
            slot.Semaphore.Release();
        }
    }

    private Slot Reserve(string conversationId)
    {
        lock (_slots)
        {
            if (!_slots.TryGetValue(conversationId, out var slot))
            {
                slot = new Slot();
                _slots.Add(conversationId, slot);
            }

            slot.Users++;
            return slot;
        }
    }

    private async Task<TurnLease> AcquireLeaseAsync(ITurnLeaseStore store, string conversationId, long started, CancellationToken cancellationToken)
    {
        var ownerToken = Guid.NewGuid().ToString("N");
        var delay = FirstRetryDelay;
        while (!await store.TryAcquireAsync(conversationId, ownerToken, _leaseDuration, cancellationToken).ConfigureAwait(false))
        {
            var remaining = _waitTimeout - _timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw Busy(conversationId);
            }

            await Task.Delay(delay < remaining ? delay : remaining, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < MaxRetryDelay ? delay * 2 : MaxRetryDelay;
        }

        return TurnLease.Start(store, conversationId, ownerToken, _leaseDuration, _timeProvider, _logger);
    }

    private AgentBusyException Busy(string conversationId)
    {
        _logger.TurnBusy(conversationId, _waitTimeout);
        return new AgentBusyException(conversationId, $"Another turn of this conversation is still running; try again once it has finished (waited {_waitTimeout.TotalSeconds:0.###} s).");
    }

    /// <summary>The in-process turn slot of one conversation; exists only while a turn runs or waits.</summary>
    internal sealed class Slot
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
