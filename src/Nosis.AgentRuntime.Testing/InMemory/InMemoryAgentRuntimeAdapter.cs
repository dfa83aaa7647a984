using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.InMemory;

/// <summary>An <see cref="IAgentRuntimeAdapter"/> in memory, composed of the in-memory registry, store, tool loader, scheduler and reporter.</summary>
/// <remarks>
/// Each part is exposed for arrangement and assertions: add conversations to <see cref="Registry"/>, define tools on
/// <see cref="Tools"/>, read saved messages from <see cref="Messages"/>, await <see cref="Scheduler"/>'s drain and read
/// <see cref="Errors"/>. Work that throws in the scheduler is reported to <see cref="Errors"/>. Every member is thread-safe.
/// </remarks>
public sealed class InMemoryAgentRuntimeAdapter : IAgentRuntimeAdapter, IAsyncDisposable
{
    /// <summary>Initializes a new adapter with new in-memory parts.</summary>
    public InMemoryAgentRuntimeAdapter()
    {
        Errors = new InMemoryErrorReporter();
        Scheduler = new InMemoryBackgroundScheduler(Errors);
    }

    /// <summary>Gets the agent id registry.</summary>
    public InMemoryAgentIdRegistry Registry { get; } = new();

    /// <summary>Gets the message store.</summary>
    public InMemoryMessageStore Messages { get; } = new();

    /// <summary>Gets the tool loader.</summary>
    public InMemoryToolLoader Tools { get; } = new();

    /// <summary>Gets the background scheduler; it reports failed work to <see cref="Errors"/>.</summary>
    public InMemoryBackgroundScheduler Scheduler { get; }

    /// <summary>Gets the error reporter.</summary>
    public InMemoryErrorReporter Errors { get; }

    /// <inheritdoc/>
    public Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Registry.GetAgentIdAsync(conversationId, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default) =>
        Registry.TryClaimAgentIdAsync(conversationId, agentId, cancellationToken);

    /// <inheritdoc/>
    public Task<bool> TryReplaceAgentIdAsync(string conversationId, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default) =>
        Registry.TryReplaceAgentIdAsync(conversationId, expectedAgentId, newAgentId, cancellationToken);

    /// <inheritdoc/>
    public Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        Registry.ReadClaimedAgentIdAsync(conversationId, cancellationToken);

    /// <inheritdoc/>
    public Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default) =>
        Messages.SaveUserMessageAsync(message, cancellationToken);

    /// <inheritdoc/>
    public Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default) =>
        Messages.SaveAssistantMessageAsync(message, cancellationToken);

    /// <inheritdoc/>
    public Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default) =>
        Tools.LoadToolsAsync(request, cancellationToken);

    /// <inheritdoc/>
    public ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default) =>
        Scheduler.ScheduleAsync(work, cancellationToken);

    /// <inheritdoc/>
    public Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default) =>
        Errors.ReportAsync(report, cancellationToken);

    /// <summary>Shuts the scheduler down (see <see cref="InMemoryBackgroundScheduler.DisposeAsync"/>).</summary>
    /// <returns>A task that completes once the scheduler has shut down.</returns>
    public ValueTask DisposeAsync() => Scheduler.DisposeAsync();
}
