using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The release checks: every set released exactly once, and nothing left open.</content>
public abstract partial class ToolLoaderConformanceTests
{
    /// <summary>Disposing a tool set several times, one after another, releases it once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task DisposeAsync_Repeated_ReleasesOnce() => WithLoaderAsync(async loader =>
    {
        var toolSet = await LoadAsync(loader).ConfigureAwait(false);
        for (var i = 0; i < 3; i++)
        {
            await DisposeAsync(toolSet).ConfigureAwait(false);
        }

        AssertReleasedOnce(loader, toolSet, "after 3 disposals in a row");
    });

    /// <summary>Disposing a tool set from many threads at once releases it exactly once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task DisposeAsync_Concurrent_ReleasesExactlyOnce() => WithLoaderAsync(async loader =>
    {
        var toolSet = await LoadAsync(loader).ConfigureAwait(false);
        _ = await Concurrently.RunAsync(16, async _ => { await DisposeAsync(toolSet).ConfigureAwait(false); return true; }, "16 concurrent disposals of one tool set").ConfigureAwait(false);

        AssertReleasedOnce(loader, toolSet, "after 16 concurrent disposals");
    });

    /// <summary>When the release throws, the first dispose reports it, later ones do nothing, and the release ran once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task DisposeAsync_ReleaseThrows_FirstDisposeThrowsAndReleaseRunsOnce() => WithLoaderAsync(ThrowingLoaderAsync, async loader =>
    {
        var toolSet = await LoadAsync(loader).ConfigureAwait(false);
        var threw = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            threw.Add(await DisposeThrewAsync(toolSet).ConfigureAwait(false));
        }

        Assert.That(threw, Is.EqualTo(new[] { true, false, false }), $"When a tool set's release throws, the first dispose must rethrow it and later disposals must do nothing; they threw [{string.Join(", ", threw)}].");
        AssertReleasedOnce(loader, toolSet, "after 3 disposals whose release throws");
    });

    /// <summary>When the release throws and many threads dispose at once, exactly one dispose throws and the release ran once.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task DisposeAsync_ReleaseThrowsUnderConcurrency_ReleaseRunsOnce() => WithLoaderAsync(ThrowingLoaderAsync, async loader =>
    {
        var toolSet = await LoadAsync(loader).ConfigureAwait(false);
        var threw = await Concurrently.RunAsync(16, _ => DisposeThrewAsync(toolSet), "16 concurrent disposals of one tool set").ConfigureAwait(false);

        Assert.That(threw.Count(t => t), Is.EqualTo(1), $"When a tool set's release throws, exactly one of many concurrent disposals may rethrow it; {threw.Count(t => t)} of 16 did.");
        AssertReleasedOnce(loader, toolSet, "after 16 concurrent disposals whose release throws");
    });

    /// <summary>Once every loaded set is disposed, the loads hold no resource open.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task DisposeAsync_EveryLoadedSet_LeavesNoResourceOpen() => WithLoaderAsync(async loader =>
    {
        var sets = new List<ToolSet>();
        for (var i = 0; i < 3; i++)
        {
            sets.Add(await LoadAsync(loader, i % 2 == 0 ? ExecutionTarget.Sandbox : ExecutionTarget.Local).ConfigureAwait(false));
        }

        foreach (var set in sets)
        {
            await DisposeAsync(set).ConfigureAwait(false);
        }

        var open = GetOpenResourceCount(loader);
        Assert.That(open, Is.Zero, $"Releasing a tool set must free what its load opened: {open} resource(s) still open after 3 loads were disposed. Likely cause: ReleaseAsync marks the set released but does not close its connection or stop its process.");
    });

    /// <summary>A load cancelled before it starts leaves no resource open, whether it throws or returns a set (which is then disposed).</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task LoadToolsAsync_Cancelled_LeavesNoResourceOpen() => WithLoaderAsync(async loader =>
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);
        ToolSet? toolSet = null;
        try
        {
            toolSet = await loader.LoadToolsAsync(new ToolLoadRequest(CreateConversation(ExecutionTarget.Sandbox, OfficeId)), cancelled.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (toolSet is not null)
        {
            await DisposeAsync(toolSet).ConfigureAwait(false);
        }

        var open = GetOpenResourceCount(loader);
        Assert.That(open, Is.Zero, $"A cancelled load must free what it opened: {open} resource(s) left open. Likely cause: the connection is opened, then the cancellation throws before anything closes it (use try/finally or await using until the set owns it).");
    });

    /// <summary>Disposing the loader after its sets were released releases none of them again.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual async Task DisposeLoader_AfterItsSetsWereReleased_ReleasesNothingAgain()
    {
        var loader = await CreateLoaderAsync(TestTools, OtherOfficeTools).ConfigureAwait(false);
        var disposed = false;
        try
        {
            await DisposeAsync(await LoadAsync(loader).ConfigureAwait(false)).ConfigureAwait(false);
            await DisposeAsync(await LoadAsync(loader).ConfigureAwait(false)).ConfigureAwait(false);
            await Concurrently.WithinAsync(DisposeLoaderAsync(loader), "Disposing the tool loader").ConfigureAwait(false);
            disposed = true;

            var releases = GetReleaseCount(loader);
            Assert.That(releases, Is.EqualTo(2), $"Disposing the loader must not release tool sets again: 2 sets were released, then the loader's disposal made it {releases} releases. Likely cause: the loader keeps every set it handed out and frees them all on its own disposal; the runtime already released each.");
        }
        finally
        {
            if (!disposed)
            {
                await DisposeLoaderAsync(loader).ConfigureAwait(false);
            }
        }
    }

    private Task<IToolLoader> ThrowingLoaderAsync() => RequireAsync(KitCapability.FailingRelease, () => CreateLoaderWhoseReleaseThrowsAsync(TestTools));
}
