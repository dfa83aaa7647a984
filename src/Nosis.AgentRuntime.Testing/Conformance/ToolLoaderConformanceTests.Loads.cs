using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The load checks: the right tools, for the right office, in a fresh set each time.</content>
public abstract partial class ToolLoaderConformanceTests
{
    /// <summary>A sandbox conversation gets the global and sandbox tools, never a local one.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task LoadToolsAsync_SandboxTarget_LoadsGlobalAndSandboxToolsOnly() => AssertLoadsAsync(ExecutionTarget.Sandbox, ["global_tool", "sandbox_tool"]);

    /// <summary>A local conversation gets the global and local tools, never a sandbox one.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task LoadToolsAsync_LocalTarget_LoadsGlobalAndLocalToolsOnly() => AssertLoadsAsync(ExecutionTarget.Local, ["global_tool", "local_tool"]);

    /// <summary>Each office gets its own tools only: another office's tools never leak in.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task LoadToolsAsync_TwoOffices_EachGetsOnlyItsOwnTools() => WithLoaderAsync(async loader =>
    {
        var mine = await LoadAsync(loader, ExecutionTarget.Sandbox, OfficeId).ConfigureAwait(false);
        var theirs = await LoadAsync(loader, ExecutionTarget.Sandbox, OtherOfficeId).ConfigureAwait(false);
        var mineNames = mine.Tools.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        var theirNames = theirs.Tools.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        await DisposeAsync(mine).ConfigureAwait(false);
        await DisposeAsync(theirs).ConfigureAwait(false);

        Assert.That(mineNames, Is.EqualTo(new[] { "global_tool", "sandbox_tool" }), $"A loader must load the tools of the request's office only: {OfficeId} got [{string.Join(", ", mineNames)}]. Likely cause: request.OfficeId is ignored (one tool list, or keys, for everyone).");
        Assert.That(theirNames, Is.EqualTo(new[] { "other_office_tool" }), $"A loader must load the tools of the request's office only: {OtherOfficeId} got [{string.Join(", ", theirNames)}]. Likely cause: request.OfficeId is ignored (one tool list, or keys, for everyone).");
    });

    /// <summary>Each load returns its own handle: releasing one leaves the other loaded.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task LoadToolsAsync_TwoLoads_ReturnIndependentHandles() => WithLoaderAsync(async loader =>
    {
        var first = await LoadAsync(loader).ConfigureAwait(false);
        var second = await LoadAsync(loader).ConfigureAwait(false);
        Assert.That(first, Is.Not.SameAs(second), "Each load must return its own tool set: two loads returned the same handle, so the first reply's end releases the second's tools.");

        await DisposeAsync(first).ConfigureAwait(false);
        Assert.That(GetReleaseCount(loader), Is.EqualTo(1), "Disposing one tool set must release that set alone.");
        Assert.That(second.IsReleased, Is.False, "Disposing one tool set must not release another.");

        await DisposeAsync(second).ConfigureAwait(false);
        Assert.That(GetReleaseCount(loader), Is.EqualTo(2), "Every loaded tool set must be released once when disposed: 2 loads and disposals, releases counted differently.");
    });

    /// <summary>Two loads for the same conversation (two replies) each return a fresh, unreleased set, even after the first was released.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task LoadToolsAsync_SameConversationTwice_ReturnsAFreshSetEachTime() => WithLoaderAsync(async loader =>
    {
        var request = new ToolLoadRequest(CreateConversation(ExecutionTarget.Sandbox, OfficeId));
        var first = await loader.LoadToolsAsync(request).ConfigureAwait(false);
        await DisposeAsync(first).ConfigureAwait(false);

        var second = await loader.LoadToolsAsync(request).ConfigureAwait(false);
        var stale = second.IsReleased || ReferenceEquals(first, second);
        await DisposeAsync(second).ConfigureAwait(false);

        Assert.That(stale, Is.False, "A load must return a fresh tool set for every reply: the second load of one conversation returned the set the first reply had already released. Likely cause: tool sets are cached per conversation.");
    });

    private Task AssertLoadsAsync(ExecutionTarget target, string[] expected) => WithLoaderAsync(async loader =>
    {
        var toolSet = await LoadAsync(loader, target).ConfigureAwait(false);
        var names = toolSet.Tools.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray();
        await DisposeAsync(toolSet).ConfigureAwait(false);

        Assert.That(
            names,
            Is.EqualTo(expected),
            $"A loader must load exactly the tools whose scope the target includes ({string.Join(", ", ToolScopes.For(target).Select(ToolScopes.ToWireName))}): got [{string.Join(", ", names)}] for {target}. Likely cause: request.Scopes is not used to filter.");
    });
}
