namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>A read-then-write claim behind a lock of this instance: safe in one process, broken across two.</summary>
public sealed class InstanceLockedAgentIdRegistry : BrokenRegistry
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public override async Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (!Store.TryGetValue(conversationId, out var current) || current is not null)
            {
                return false;
            }

            await Task.Yield(); // the round trip between the SELECT and the UPDATE
            Store[conversationId] = agentId;
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }
}
