namespace Nosis.AgentRuntime.Claims;

/// <summary>One in-flight creation shared by every caller for a conversation; cancelled only when all of them have gone.</summary>
internal sealed class SharedClaim
{
    private readonly CancellationTokenSource _abandoned = new();
    private readonly Lock _gate = new();
    private Task<string>? _task;
    private int _waiters;
    private bool _closed;

    public Task<string> Task => _task!;

    public CancellationToken Token => _abandoned.Token;

    /// <summary>Registers a waiter and starts the creation on the first one; false when the claim was already abandoned.</summary>
    public bool TryEnter(Func<Task<string>> start)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _waiters++;
            _task ??= System.Threading.Tasks.Task.Run(start);
            return true;
        }
    }

    /// <summary>Unregisters a waiter; the last one to leave before the creation finished abandons it.</summary>
    public void Leave()
    {
        lock (_gate)
        {
            _waiters--;
            if (_waiters > 0 || _task is not { IsCompleted: false })
            {
                return;
            }

            _closed = true;
        }

        _abandoned.Cancel();
    }
}
