using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>A store that keeps nothing, as a database outside the process keeps nothing in it: the worker-process figures count a stream's memory, not stored replies.</summary>
public sealed class DiscardingMessageStore : IMessageStore
{
    public Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
