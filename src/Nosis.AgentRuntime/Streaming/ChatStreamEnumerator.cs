using System.Runtime.CompilerServices;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Reads the events of a started turn from its buffer: an event already handed over is returned without an await.</summary>
/// <remarks>Cancelling the token, stopping early or disposing aborts the turn; disposal waits until the turn has completed.</remarks>
internal sealed class ChatStreamEnumerator : IAsyncEnumerator<AgentChatEvent>
{
    private readonly RunningTurn _run;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationTokenRegistration _abortOnCancel;

    public ChatStreamEnumerator(RunningTurn run, CancellationToken cancellationToken)
    {
        _run = run;
        _cancellationToken = cancellationToken;
        _abortOnCancel = cancellationToken.Register(static state => ((RunningTurn)state!).Abort(), run);
    }

    public AgentChatEvent Current { get; private set; } = null!;

    public ValueTask<bool> MoveNextAsync()
    {
        if (_run.Events.TryRead(out var chatEvent))
        {
            Current = chatEvent;
            return new ValueTask<bool>(true);
        }

        return WaitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _abortOnCancel.DisposeAsync().ConfigureAwait(false);
        await _run.AbortAndWaitAsync().ConfigureAwait(false);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))] // a wait is per hand-over: its state machine is reused, not allocated
    private async ValueTask<bool> WaitAsync()
    {
        var events = _run.Events;
        while (true)
        {
            _cancellationToken.ThrowIfCancellationRequested(); // a cancelled reader stops here, even when the turn has ended meanwhile
            if (!await events.WaitToReadAsync(_cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (events.TryRead(out var chatEvent))
            {
                Current = chatEvent;
                return true;
            }
        }
    }
}
