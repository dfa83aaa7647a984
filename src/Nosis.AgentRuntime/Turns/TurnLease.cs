using Microsoft.Extensions.Logging;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Turns;

/// <summary>A held cross-process turn lease, renewed in the background every quarter of its duration until disposed.</summary>
internal sealed class TurnLease : IAsyncDisposable
{
    private readonly ITurnLeaseStore _store;
    private readonly string _conversationId;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private Task _renewal = Task.CompletedTask;

    private TurnLease(ITurnLeaseStore store, string conversationId, string ownerToken, TimeSpan duration, TimeProvider timeProvider, ILogger logger)
    {
        _store = store;
        _conversationId = conversationId;
        OwnerToken = ownerToken;
        _duration = duration;
        _timeProvider = timeProvider;
        _logger = logger;
        Lost = _lost.Token;
    }

    /// <summary>Gets this turn's owner token.</summary>
    public string OwnerToken { get; }

    /// <summary>Gets a token that fires when a renewal found the lease taken over by another owner.</summary>
    public CancellationToken Lost { get; }

    /// <summary>Starts renewing a lease just acquired.</summary>
    public static TurnLease Start(ITurnLeaseStore store, string conversationId, string ownerToken, TimeSpan duration, TimeProvider timeProvider, ILogger logger)
    {
        var lease = new TurnLease(store, conversationId, ownerToken, duration, timeProvider, logger);
        lease._renewal = lease.RenewAsync(lease._stop.Token);
        return lease;
    }

    /// <summary>Stops renewing and releases the lease; if the release fails the lease expires on its own.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);

        // Bounded by the lease duration: a release that hangs longer is pointless, the lease has expired by then.
        using var releaseTimeout = new CancellationTokenSource(_duration, _timeProvider);
        try
        {
            await _store.ReleaseAsync(_conversationId, OwnerToken, releaseTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LeaseReleaseFailed(_conversationId, ex);
        }
        finally
        {
            _stop.Dispose(); // _lost stays undisposed: consumers may still hold its token, and it owns no timer.
        }
    }

    private async Task RenewAsync(CancellationToken stop)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(_duration / 4, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                bool renewed;
                try
                {
                    renewed = await _store.RenewAsync(_conversationId, OwnerToken, _duration, stop).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stop.IsCancellationRequested && ex is not OutOfMemoryException)
                {
                    _logger.LeaseRenewalFailed(_conversationId, ex);
                    continue;
                }

                if (!renewed)
                {
                    _logger.LeaseLost(_conversationId);
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The turn ended.
        }
    }
}
