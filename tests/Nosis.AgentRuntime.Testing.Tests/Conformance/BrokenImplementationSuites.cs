using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.InMemory;
using Nosis.AgentRuntime.Testing.Tests.Conformance.Broken;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance;

// The kit's suites derived for deliberately wrong implementations. They are Explicit so a normal run skips them (they fail,
// as they must); KitCatchesBugsTests drives their test methods directly and asserts that they fail.

[TestFixture]
[Explicit("Runs the kit against a deliberately wrong implementation: it must fail. KitCatchesBugsTests drives it.")]
public sealed class ReadThenWriteRegistrySuite : AgentIdRegistryConformanceTests
{
    protected override Task<IAgentIdRegistry> CreateRegistryAsync() => Task.FromResult<IAgentIdRegistry>(new ReadThenWriteAgentIdRegistry());

    protected override Task<string> AddConversationAsync(IAgentIdRegistry registry) => Task.FromResult(((ReadThenWriteAgentIdRegistry)registry).AddConversation());
}

[TestFixture]
[Explicit("Runs the kit against a deliberately wrong implementation: it must fail. KitCatchesBugsTests drives it.")]
public sealed class LastWriterWinsRegistrySuite : AgentIdRegistryConformanceTests
{
    protected override Task<IAgentIdRegistry> CreateRegistryAsync() => Task.FromResult<IAgentIdRegistry>(new LastWriterWinsAgentIdRegistry());

    protected override Task<string> AddConversationAsync(IAgentIdRegistry registry) => Task.FromResult(((LastWriterWinsAgentIdRegistry)registry).AddConversation());
}

[TestFixture]
[Explicit("Runs the kit against a deliberately wrong implementation: it must fail. KitCatchesBugsTests drives it.")]
public sealed class CompletionDroppingStoreSuite : MessageStoreConformanceTests
{
    protected override Task<IMessageStore> CreateStoreAsync() => Task.FromResult<IMessageStore>(new CompletionDroppingMessageStore());

    protected override Task<string> AddConversationAsync(IMessageStore store) => Task.FromResult("conv-" + Guid.NewGuid().ToString("N"));

    protected override Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(IMessageStore store, string conversationId) =>
        Task.FromResult(((CompletionDroppingMessageStore)store).GetMessages(conversationId));
}

[TestFixture]
[Explicit("Runs the kit against a deliberately wrong implementation: it must fail. KitCatchesBugsTests drives it.")]
public sealed class SwallowingSchedulerSuite : BackgroundSchedulerConformanceTests
{
    protected override Task<IBackgroundScheduler> CreateSchedulerAsync(IErrorReporter errorReporter) =>
        Task.FromResult<IBackgroundScheduler>(new SwallowingBackgroundScheduler());

    protected override Task ShutdownAsync(IBackgroundScheduler scheduler) => Task.CompletedTask;
}

[TestFixture]
[Explicit("Runs the kit against a deliberately wrong implementation: it must fail. KitCatchesBugsTests drives it.")]
public sealed class ScopeIgnoringLoaderSuite : ToolLoaderConformanceTests
{
    protected override Task<IToolLoader> CreateLoaderAsync(IReadOnlyList<ToolDefinition> tools) => Task.FromResult<IToolLoader>(new ScopeIgnoringToolLoader(tools));

    protected override int GetReleaseCount(IToolLoader loader) => ((ScopeIgnoringToolLoader)loader).ReleaseCount;
}

[TestFixture]
[Explicit("Runs the kit against a deliberately wrong implementation: it must fail. KitCatchesBugsTests drives it.")]
public sealed class AnyoneReleasesLeaseSuite : TurnLeaseStoreConformanceTests
{
    protected override Task<ITurnLeaseStore> CreateLeaseStoreAsync(TimeProvider timeProvider) => Task.FromResult<ITurnLeaseStore>(new AnyoneReleasesTurnLeaseStore(timeProvider));
}

[TestFixture]
[Explicit("Runs the kit against a deliberately wrong implementation: it must fail. KitCatchesBugsTests drives it.")]
public sealed class InMemoryReporterButLosingSuite : ErrorReporterConformanceTests
{
    // Reads back from a fresh reporter: as if the reporter kept nothing.
    protected override Task<IErrorReporter> CreateReporterAsync() => Task.FromResult<IErrorReporter>(new InMemoryErrorReporter());

    protected override Task<IReadOnlyList<ErrorReport>> ReadReportsAsync(IErrorReporter reporter) => Task.FromResult(new InMemoryErrorReporter().Reports);
}
