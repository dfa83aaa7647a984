namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>The chat completions requests a scripted model received, with a wait for the next ones.</summary>
internal sealed class ScriptedRequestLog
{
    private readonly List<ScriptedModelRequest> _requests = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ScriptedModelRequest> Snapshot()
    {
        lock (_requests)
        {
            return [.. _requests];
        }
    }

    public void Add(ScriptedModelRequest request)
    {
        TaskCompletionSource arrived;
        lock (_requests)
        {
            _requests.Add(request);
            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
    }

    public async Task<IReadOnlyList<ScriptedModelRequest>> WaitForAsync(int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task arrived;
            lock (_requests)
            {
                if (_requests.Count >= count)
                {
                    return [.. _requests];
                }

                arrived = _arrived.Task;
            }

            await arrived.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
