namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>One lock for the whole table, and a busy lock answers "false" (a SQLITE_BUSY turned into a lost claim).</summary>
public sealed class BusyRefusingAgentIdRegistry : BrokenRegistry
{
    private readonly SemaphoreSlim _tableLock = new(1, 1);

    public override async Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default)
    {
        if (!_tableLock.Wait(0))
        {
            return false;
        }

        try
        {
            await Task.Yield();
            return await base.TryClaimAgentIdAsync(conversationId, agentId, cancellationToken);
        }
        finally
        {
            _tableLock.Release();
        }
    }
}
