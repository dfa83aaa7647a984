using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Testing.Tests.InMemory;

// The in-memory adapter runs the whole conformance kit: the kit is proven on a reference implementation first.
// [TestFixture] on each derived class also keeps this assembly's reference to NUnit, without which the adapter finds no tests.

[TestFixture]
public sealed class InMemoryAgentIdRegistryConformanceTests : AgentIdRegistryConformanceTests
{
    protected override Task<IAgentIdRegistry> CreateRegistryAsync() => Task.FromResult<IAgentIdRegistry>(new InMemoryAgentIdRegistry());

    protected override Task<string> AddConversationAsync(IAgentIdRegistry registry) =>
        Task.FromResult(((InMemoryAgentIdRegistry)registry).AddConversation());

    // Two views of one in-memory registry stand for two processes over one database.
    protected override Task<IAgentIdRegistry> CreateRegistryOverSameStoreAsync(IAgentIdRegistry registry) =>
        Task.FromResult<IAgentIdRegistry>(new RegistryView(registry));

}

[TestFixture]
public sealed class InMemoryMessageStoreConformanceTests : MessageStoreConformanceTests
{
    protected override Task<IMessageStore> CreateStoreAsync() => Task.FromResult<IMessageStore>(new InMemoryMessageStore());

    protected override Task<string> AddConversationAsync(IMessageStore store) => Task.FromResult("conv-" + Guid.NewGuid().ToString("N"));

    protected override Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(IMessageStore store, string conversationId) =>
        Task.FromResult(((InMemoryMessageStore)store).GetMessages(conversationId));
}

[TestFixture]
public sealed class InMemoryToolLoaderConformanceTests : ToolLoaderConformanceTests
{
    protected override Task<IToolLoader> CreateLoaderAsync(IReadOnlyList<ToolDefinition> tools, IReadOnlyList<ToolDefinition> otherOfficeTools) =>
        Task.FromResult<IToolLoader>(Define(Define(new InMemoryToolLoader(), tools, OfficeId), otherOfficeTools, OtherOfficeId));

    protected override Task<IToolLoader> CreateLoaderWhoseReleaseThrowsAsync(IReadOnlyList<ToolDefinition> tools) =>
        Task.FromResult<IToolLoader>(Define(new InMemoryToolLoader { ReleaseException = new IOException("The tool server connection broke while closing.") }, tools, OfficeId));

    protected override int GetReleaseCount(IToolLoader loader) => ((InMemoryToolLoader)loader).ReleaseCount;

    // An in-memory set holds nothing but itself: it is open until released.
    protected override int GetOpenResourceCount(IToolLoader loader) => ((InMemoryToolLoader)loader).OpenCount;

    private static InMemoryToolLoader Define(InMemoryToolLoader loader, IReadOnlyList<ToolDefinition> tools, string officeId)
    {
        foreach (var tool in tools)
        {
            loader.DefineTool(tool, (_, _) => Task.FromResult(ToolResult.Success("ok")), officeId);
        }

        return loader;
    }
}

[TestFixture]
public sealed class InMemoryBackgroundSchedulerConformanceTests : BackgroundSchedulerConformanceTests
{
    private TimeSpan _drainTimeout;

    protected override Task<IBackgroundScheduler> CreateSchedulerAsync(IErrorReporter errorReporter, TimeSpan drainTimeout)
    {
        _drainTimeout = drainTimeout;
        return Task.FromResult<IBackgroundScheduler>(new InMemoryBackgroundScheduler(errorReporter));
    }

    protected override Task ShutdownAsync(IBackgroundScheduler scheduler) => ((InMemoryBackgroundScheduler)scheduler).ShutdownAsync(_drainTimeout);
}

[TestFixture]
public sealed class InMemoryErrorReporterConformanceTests : ErrorReporterConformanceTests
{
    protected override Task<IErrorReporter> CreateReporterAsync() => Task.FromResult<IErrorReporter>(new InMemoryErrorReporter());

    protected override Task<IReadOnlyList<ErrorReport>> ReadReportsAsync(IErrorReporter reporter) => Task.FromResult(((InMemoryErrorReporter)reporter).Reports);
}

[TestFixture]
public sealed class InMemoryTurnLeaseStoreConformanceTests : TurnLeaseStoreConformanceTests
{
    protected override Task<ITurnLeaseStore> CreateLeaseStoreAsync(TimeProvider timeProvider) => Task.FromResult<ITurnLeaseStore>(new InMemoryTurnLeaseStore(timeProvider));
}

[TestFixture]
public sealed class InMemoryActiveRunStoreConformanceTests : ActiveRunStoreConformanceTests
{
    // The in-memory store holds no conversation table: it takes every conversation id.
    protected override bool RefusesUnknownConversations => false;

    protected override Task<IActiveRunStore> CreateStoreAsync() => Task.FromResult<IActiveRunStore>(new InMemoryActiveRunStore());
}

[TestFixture]
// The composite adapter runs the registry suite too, through its own members.
public sealed class InMemoryAgentRuntimeAdapterRegistryConformanceTests : AgentIdRegistryConformanceTests
{
    protected override Task<IAgentIdRegistry> CreateRegistryAsync() => Task.FromResult<IAgentIdRegistry>(new InMemoryAgentRuntimeAdapter());

    protected override Task<string> AddConversationAsync(IAgentIdRegistry registry) =>
        Task.FromResult(((InMemoryAgentRuntimeAdapter)registry).Registry.AddConversation());

    // The composite's second view goes through the composite's own members, over the same registry.
    protected override Task<IAgentIdRegistry> CreateRegistryOverSameStoreAsync(IAgentIdRegistry registry) =>
        Task.FromResult<IAgentIdRegistry>(new RegistryView(((InMemoryAgentRuntimeAdapter)registry).Registry));
}

[TestFixture]
[TestFixture]
public sealed class InMemorySharedAgentRegistryConformanceTests : SharedAgentRegistryConformanceTests
{
    protected override Task<ISharedAgentRegistry> CreateRegistryAsync() => Task.FromResult<ISharedAgentRegistry>(new InMemorySharedAgentRegistry());

    protected override Task<string> AddConversationAsync(ISharedAgentRegistry registry) => Task.FromResult("conv-" + Guid.NewGuid().ToString("N"));

    // One in-memory store has no second instance with state of its own: the same object stands for it.
    protected override Task<ISharedAgentRegistry> CreateRegistryOverSameStoreAsync(ISharedAgentRegistry registry) => Task.FromResult(registry);
}

[TestFixture]
public sealed class InMemoryConformanceCoverageTests : ConformanceCoverageTests;

/// <summary>A second view of one in-memory registry: what a second process over one database would have.</summary>
internal sealed class RegistryView(IAgentIdRegistry inner) : IAgentIdRegistry
{
    public Task<string?> GetAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) => inner.GetAgentIdAsync(conversationId, cancellationToken);

    public Task<bool> TryClaimAgentIdAsync(string conversationId, string agentId, CancellationToken cancellationToken = default) =>
        inner.TryClaimAgentIdAsync(conversationId, agentId, cancellationToken);

    public Task<string?> ReadClaimedAgentIdAsync(string conversationId, CancellationToken cancellationToken = default) =>
        inner.ReadClaimedAgentIdAsync(conversationId, cancellationToken);

    public Task<bool> TryReplaceAgentIdAsync(string conversationId, string expectedAgentId, string newAgentId, CancellationToken cancellationToken = default) =>
        inner.TryReplaceAgentIdAsync(conversationId, expectedAgentId, newAgentId, cancellationToken);
}
