using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Tests.Hosting;

/// <summary>Adapter doubles that only need to be told apart by type in registration tests; none of their members is called.</summary>
internal sealed class FakeAgentIdRegistry : IAgentIdRegistry
{
    public Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    public Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);
}

internal sealed class FakeMessageStore : IMessageStore
{
    public Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

internal sealed class FakeToolLoader : IToolLoader
{
    public Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Registration tests never load tools.");
}

internal sealed class FakeTurnLeaseStore : ITurnLeaseStore
{
    public Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default) => Task.FromResult(true);

    public Task ReleaseAsync(string conversationId, string ownerToken, CancellationToken cancellationToken = default) => Task.CompletedTask;
}

internal sealed class ImmediateBackgroundScheduler : IBackgroundScheduler
{
    public async ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default) =>
        await work.ExecuteAsync(cancellationToken);
}

internal sealed class FakeRuntimeAdapter : IAgentRuntimeAdapter
{
    public Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    public Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) => Task.FromResult<string?>(null);

    public Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Registration tests never load tools.");

    public ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
