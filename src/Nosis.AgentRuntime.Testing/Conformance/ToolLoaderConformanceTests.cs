using System.Text.Json;
using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="IToolLoader"/> must show. Derive once per implementation and override the hooks.</summary>
/// <remarks>
/// The fixture hands the loader one tool of each scope (<c>global_tool</c>, <c>sandbox_tool</c>, <c>local_tool</c>) through
/// <see cref="CreateLoaderAsync"/>, and counts how often the loader really released a tool set through
/// <see cref="GetReleaseCount"/>: count where the resources are freed (a connection closed, a process stopped).
/// </remarks>
[TestFixture]
public abstract class ToolLoaderConformanceTests
{
    private static readonly JsonElement ObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <summary>Gets a value indicating whether <see cref="CreateLoaderWhoseReleaseThrowsAsync"/> is implemented.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    protected virtual bool SupportsFailingRelease => false;

    /// <summary>Gets the tools the fixture asks the loader to serve: one of each scope.</summary>
    protected static IReadOnlyList<ToolDefinition> TestTools { get; } =
    [
        new("global_tool", "A tool loaded for every target.", ObjectSchema, ToolScope.Global),
        new("sandbox_tool", "A tool loaded for the sandbox only.", ObjectSchema, ToolScope.Sandbox),
        new("local_tool", "A tool loaded on the local machine only.", ObjectSchema, ToolScope.Local),
    ];

    /// <summary>Creates a loader that serves exactly <paramref name="tools"/> to the conversations of <see cref="CreateConversation"/>; called once per test.</summary>
    /// <param name="tools">The tools, each with its scope.</param>
    /// <returns>The loader under test.</returns>
    protected abstract Task<IToolLoader> CreateLoaderAsync(IReadOnlyList<ToolDefinition> tools);

    /// <summary>Returns how many tool sets <paramref name="loader"/> has released so far (resources really freed).</summary>
    /// <param name="loader">A loader from <see cref="CreateLoaderAsync"/> or <see cref="CreateLoaderWhoseReleaseThrowsAsync"/>.</param>
    /// <returns>The number of releases.</returns>
    protected abstract int GetReleaseCount(IToolLoader loader);

    /// <summary>Creates a loader like <see cref="CreateLoaderAsync"/> whose tool sets' release throws after freeing; see <see cref="SupportsFailingRelease"/>.</summary>
    /// <param name="tools">The tools, each with its scope.</param>
    /// <returns>The loader under test.</returns>
    protected virtual Task<IToolLoader> CreateLoaderWhoseReleaseThrowsAsync(IReadOnlyList<ToolDefinition> tools) =>
        throw new NotSupportedException("Override CreateLoaderWhoseReleaseThrowsAsync and SupportsFailingRelease to run the failing-release checks.");

    /// <summary>Creates the conversation tools are loaded for; override when your loader needs a known office or user.</summary>
    /// <param name="target">The conversation's execution target.</param>
    /// <returns>The conversation.</returns>
    protected virtual ConversationRuntime CreateConversation(ExecutionTarget target) =>
        new("conv-" + Guid.NewGuid().ToString("N"), "user-1", "office-1", workspaceId: null, target);

    /// <summary>Frees a loader after a test; by default disposes it when it is disposable.</summary>
    /// <param name="loader">The loader.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeLoaderAsync(IToolLoader loader) => Concurrently.DisposeAsync(loader);

    /// <summary>A sandbox conversation gets the global and sandbox tools, never a local one.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task LoadToolsAsync_SandboxTarget_LoadsGlobalAndSandboxToolsOnly() =>
        AssertLoadsAsync(ExecutionTarget.Sandbox, ["global_tool", "sandbox_tool"]);

    /// <summary>A local conversation gets the global and local tools, never a sandbox one.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task LoadToolsAsync_LocalTarget_LoadsGlobalAndLocalToolsOnly() =>
        AssertLoadsAsync(ExecutionTarget.Local, ["global_tool", "local_tool"]);

    /// <summary>Disposing a tool set several times, one after another, releases it once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task DisposeAsync_Repeated_ReleasesOnce() => WithLoaderAsync(CreateLoaderAsync, async loader =>
    {
        var toolSet = await loader.LoadToolsAsync(new ToolLoadRequest(CreateConversation(ExecutionTarget.Sandbox))).ConfigureAwait(false);
        for (var i = 0; i < 3; i++)
        {
            await toolSet.DisposeAsync().ConfigureAwait(false);
        }

        AssertReleasedOnce(loader, toolSet, "after 3 disposals in a row");
    });

    /// <summary>Disposing a tool set from many threads at once releases it exactly once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task DisposeAsync_Concurrent_ReleasesExactlyOnce() => WithLoaderAsync(CreateLoaderAsync, async loader =>
    {
        var toolSet = await loader.LoadToolsAsync(new ToolLoadRequest(CreateConversation(ExecutionTarget.Sandbox))).ConfigureAwait(false);
        _ = await Concurrently.RunAsync(
            16,
            async _ =>
            {
                await toolSet.DisposeAsync().ConfigureAwait(false);
                return true;
            },
            "16 concurrent disposals of one tool set").ConfigureAwait(false);

        AssertReleasedOnce(loader, toolSet, "after 16 concurrent disposals");
    });

    /// <summary>When the release throws, the first dispose reports it, later ones do nothing, and the release ran once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task DisposeAsync_ReleaseThrows_FirstDisposeThrowsAndReleaseRunsOnce() => WithLoaderAsync(ThrowingLoaderAsync, async loader =>
    {
        var toolSet = await loader.LoadToolsAsync(new ToolLoadRequest(CreateConversation(ExecutionTarget.Sandbox))).ConfigureAwait(false);
        var threw = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            threw.Add(await DisposeThrewAsync(toolSet).ConfigureAwait(false));
        }

        Assert.That(
            threw,
            Is.EqualTo(new[] { true, false, false }),
            "When a tool set's release throws, the first dispose must rethrow it and later disposals must do nothing.");
        AssertReleasedOnce(loader, toolSet, "after 3 disposals whose release throws");
    });

    /// <summary>When the release throws and many threads dispose at once, exactly one dispose throws and the release ran once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task DisposeAsync_ReleaseThrowsUnderConcurrency_ReleaseRunsOnce() => WithLoaderAsync(ThrowingLoaderAsync, async loader =>
    {
        var toolSet = await loader.LoadToolsAsync(new ToolLoadRequest(CreateConversation(ExecutionTarget.Sandbox))).ConfigureAwait(false);
        var threw = await Concurrently.RunAsync(16, _ => DisposeThrewAsync(toolSet), "16 concurrent disposals of one tool set").ConfigureAwait(false);

        Assert.That(threw.Count(t => t), Is.EqualTo(1), $"When a tool set's release throws, exactly one of many concurrent disposals may rethrow it; {threw.Count(t => t)} of 16 did.");
        AssertReleasedOnce(loader, toolSet, "after 16 concurrent disposals whose release throws");
    });

    /// <summary>Each load returns its own handle: releasing one leaves the other loaded.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task LoadToolsAsync_TwoLoads_ReturnIndependentHandles() => WithLoaderAsync(CreateLoaderAsync, async loader =>
    {
        var first = await loader.LoadToolsAsync(new ToolLoadRequest(CreateConversation(ExecutionTarget.Sandbox))).ConfigureAwait(false);
        var second = await loader.LoadToolsAsync(new ToolLoadRequest(CreateConversation(ExecutionTarget.Sandbox))).ConfigureAwait(false);
        Assert.That(first, Is.Not.SameAs(second), "Each load must return its own tool set: two loads returned the same handle.");

        await first.DisposeAsync().ConfigureAwait(false);
        Assert.That(GetReleaseCount(loader), Is.EqualTo(1), "Disposing one tool set must release that set alone.");
        Assert.That(second.IsReleased, Is.False, "Disposing one tool set must not release another.");

        await second.DisposeAsync().ConfigureAwait(false);
        Assert.That(GetReleaseCount(loader), Is.EqualTo(2), "Every loaded tool set must be released once when disposed: 2 loads and disposals, releases counted differently.");
    });

    private static async Task<bool> DisposeThrewAsync(ToolSet toolSet)
    {
        try
        {
            await toolSet.DisposeAsync().ConfigureAwait(false);
            return false;
        }
#pragma warning disable CA1031 // The test only records that the release's failure came out of the first dispose.
        catch (Exception)
#pragma warning restore CA1031
        {
            return true;
        }
    }

    private void AssertReleasedOnce(IToolLoader loader, ToolSet toolSet, string when)
    {
        var releases = GetReleaseCount(loader);
        Assert.That(releases, Is.EqualTo(1), $"A tool set must be released exactly once, however often it is disposed: {releases} releases {when}.");
        Assert.That(toolSet.IsReleased, Is.True, $"A disposed tool set must report IsReleased {when}.");
    }

    private Task<IToolLoader> ThrowingLoaderAsync(IReadOnlyList<ToolDefinition> tools)
    {
        Assume.That(SupportsFailingRelease, "The loader does not declare SupportsFailingRelease.");
        return CreateLoaderWhoseReleaseThrowsAsync(tools);
    }

    private Task AssertLoadsAsync(ExecutionTarget target, string[] expected) => WithLoaderAsync(CreateLoaderAsync, async loader =>
    {
        var toolSet = await loader.LoadToolsAsync(new ToolLoadRequest(CreateConversation(target))).ConfigureAwait(false);
        try
        {
            var names = toolSet.Tools.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
            Assert.That(
                names,
                Is.EqualTo(expected),
                $"A loader must load exactly the tools whose scope the target includes ({string.Join(", ", ToolScopes.For(target).Select(ToolScopes.ToWireName))}): got [{string.Join(", ", names)}] for {target}.");
        }
        finally
        {
            await toolSet.DisposeAsync().ConfigureAwait(false);
        }
    });

    private async Task WithLoaderAsync(Func<IReadOnlyList<ToolDefinition>, Task<IToolLoader>> create, Func<IToolLoader, Task> test)
    {
        var loader = await create(TestTools).ConfigureAwait(false);
        try
        {
            await Concurrently.WithinAsync(test(loader), "The tool loader test").ConfigureAwait(false);
        }
        finally
        {
            await DisposeLoaderAsync(loader).ConfigureAwait(false);
        }
    }
}
