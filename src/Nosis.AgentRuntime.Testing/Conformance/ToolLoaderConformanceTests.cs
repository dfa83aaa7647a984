using System.Text.Json;
using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Behaviour every <see cref="IToolLoader"/> must show. Derive once per implementation and override the hooks.</summary>
/// <remarks>
/// The fixture hands the loader one tool of each scope for <see cref="OfficeId"/> and other tools for <see cref="OtherOfficeId"/>
/// through <see cref="CreateLoaderAsync"/>. It counts how often the loader really released a tool set through
/// <see cref="GetReleaseCount"/>, and how many resources its loads hold open through <see cref="GetOpenResourceCount"/>: count
/// where the resources are opened and freed (a connection, a process). Tool sets are disposed through
/// <see cref="IAsyncDisposable"/>, as a host's generic clean-up does.
/// </remarks>
[TestFixture]
public abstract partial class ToolLoaderConformanceTests : ConformanceSuite
{
    private static readonly JsonElement ObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    /// <summary>Gets the tools the fixture asks the loader to serve to <see cref="OfficeId"/>: one of each scope.</summary>
    protected static IReadOnlyList<ToolDefinition> TestTools { get; } =
    [
        new("global_tool", "A tool loaded for every target.", ObjectSchema, ToolScope.Global),
        new("sandbox_tool", "A tool loaded for the sandbox only.", ObjectSchema, ToolScope.Sandbox),
        new("local_tool", "A tool loaded on the local machine only.", ObjectSchema, ToolScope.Local),
    ];

    /// <summary>Gets the tools the fixture asks the loader to serve to <see cref="OtherOfficeId"/> only.</summary>
    protected static IReadOnlyList<ToolDefinition> OtherOfficeTools { get; } =
    [
        new("other_office_tool", "A tool of another office.", ObjectSchema, ToolScope.Global),
    ];

    /// <summary>Gets the office whose conversations get <see cref="TestTools"/>.</summary>
    /// <value>The default is <c>office-1</c>.</value>
    protected virtual string OfficeId => "office-1";

    /// <summary>Gets a second office, whose conversations get <see cref="OtherOfficeTools"/>.</summary>
    /// <value>The default is <c>office-2</c>.</value>
    protected virtual string OtherOfficeId => "office-2";

    /// <summary>Creates a loader that serves exactly <paramref name="tools"/> to <see cref="OfficeId"/> and <paramref name="otherOfficeTools"/> to <see cref="OtherOfficeId"/>; called once per test.</summary>
    /// <param name="tools">The tools of <see cref="OfficeId"/>, each with its scope.</param>
    /// <param name="otherOfficeTools">The tools of <see cref="OtherOfficeId"/>.</param>
    /// <returns>The loader under test.</returns>
    protected abstract Task<IToolLoader> CreateLoaderAsync(IReadOnlyList<ToolDefinition> tools, IReadOnlyList<ToolDefinition> otherOfficeTools);

    /// <summary>Returns how many tool sets <paramref name="loader"/> has released so far (resources really freed).</summary>
    /// <param name="loader">A loader from this fixture's hooks.</param>
    /// <returns>The number of releases.</returns>
    protected abstract int GetReleaseCount(IToolLoader loader);

    /// <summary>Returns how many resources (connections, processes) the loads of <paramref name="loader"/> hold open right now.</summary>
    /// <param name="loader">A loader from this fixture's hooks.</param>
    /// <returns>The number of open resources; zero once every loaded set is released.</returns>
    protected abstract int GetOpenResourceCount(IToolLoader loader);

    /// <summary>Creates a loader like <see cref="CreateLoaderAsync"/> whose tool sets' release throws after freeing (<see cref="KitCapability.FailingRelease"/>).</summary>
    /// <param name="tools">The tools, each with its scope.</param>
    /// <returns>The loader under test.</returns>
    protected virtual Task<IToolLoader> CreateLoaderWhoseReleaseThrowsAsync(IReadOnlyList<ToolDefinition> tools) =>
        throw MissingHook(nameof(CreateLoaderWhoseReleaseThrowsAsync), "return a loader whose tool sets' ReleaseAsync throws after freeing (a connection that breaks while closing)", KitCapability.FailingRelease);

    /// <summary>Creates the conversation tools are loaded for; override when your loader needs a known user.</summary>
    /// <param name="target">The conversation's execution target.</param>
    /// <param name="officeId">The conversation's office.</param>
    /// <returns>The conversation.</returns>
    protected virtual ConversationRuntime CreateConversation(ExecutionTarget target, string officeId) =>
        new("conv-" + Guid.NewGuid().ToString("N"), "user-1", officeId, workspaceId: null, target);

    /// <summary>Frees a loader after a test; by default disposes it when it is disposable.</summary>
    /// <param name="loader">The loader.</param>
    /// <returns>A task that completes once freed.</returns>
    protected virtual Task DisposeLoaderAsync(IToolLoader loader) => Concurrently.DisposeAsync(loader);

    private static async Task<bool> DisposeThrewAsync(ToolSet toolSet)
    {
        try
        {
            await ((IAsyncDisposable)toolSet).DisposeAsync().ConfigureAwait(false);
            return false;
        }
#pragma warning disable CA1031 // The test only records that the release's failure came out of the dispose.
        catch (Exception)
#pragma warning restore CA1031
        {
            return true;
        }
    }

    private static ValueTask DisposeAsync(ToolSet toolSet) => ((IAsyncDisposable)toolSet).DisposeAsync();

    private Task<ToolSet> LoadAsync(IToolLoader loader, ExecutionTarget target = ExecutionTarget.Sandbox, string? officeId = null) =>
        loader.LoadToolsAsync(new ToolLoadRequest(CreateConversation(target, officeId ?? OfficeId)));

    private void AssertReleasedOnce(IToolLoader loader, ToolSet toolSet, string when)
    {
        var releases = GetReleaseCount(loader);
        Assert.That(releases, Is.EqualTo(1), $"A tool set must be released exactly once, however often it is disposed: {releases} releases {when}. Likely cause: the set frees its resources in DisposeAsync itself (or re-implements IAsyncDisposable) instead of overriding ReleaseAsync.");
        Assert.That(toolSet.IsReleased, Is.True, $"A disposed tool set must report IsReleased {when}.");
    }

    private Task WithLoaderAsync(Func<IToolLoader, Task> test) => WithLoaderAsync(() => CreateLoaderAsync(TestTools, OtherOfficeTools), test);

    private async Task WithLoaderAsync(Func<Task<IToolLoader>> create, Func<IToolLoader, Task> test)
    {
        var loader = await create().ConfigureAwait(false);
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
