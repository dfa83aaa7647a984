using Nosis.AgentRuntime.Packaging.Tests;

namespace Nosis.AgentRuntime.Docs.Tests.Pages;

/// <summary>Packs src/ once for every docs test of this assembly, and removes the feed afterwards.</summary>
[SetUpFixture]
public sealed class DocsPackageFeed
{
    private static PackageFeed? s_feed;

    /// <summary>Gets the feed; set before any docs test runs.</summary>
    internal static PackageFeed Feed => s_feed ?? throw new InvalidOperationException("The docs package feed is packed in the assembly's set-up.");

    /// <summary>Gets the repository's root folder.</summary>
    internal static string RepositoryRoot => Feed.RepositoryRoot;

    [OneTimeSetUp]
    public async Task PackAsync() => s_feed = await PackageFeed.PackAsync();

    [OneTimeTearDown]
    public async Task RemoveAsync()
    {
        if (s_feed is not null)
        {
            await s_feed.DisposeAsync();
        }
    }
}
