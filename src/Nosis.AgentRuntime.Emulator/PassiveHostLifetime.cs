using Microsoft.Extensions.Hosting;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>A host lifetime that does nothing: the emulator lives inside a test or sample and must not claim Ctrl+C or SIGTERM.</summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
