namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Tools;

/// <summary>What a load opens (a connection to a tool server); its loader counts the open ones and the closes.</summary>
public sealed class ToolConnection(BrokenToolLoader loader)
{
    private int _closed;

    /// <summary>Closes the connection; closing it again is counted as another release, as a real double close would be.</summary>
    public void Close() => loader.Closed(counted: Interlocked.Exchange(ref _closed, 1) == 0);

    /// <summary>Counts a release without closing anything (a release that forgets the connection).</summary>
    public void CountReleaseOnly() => loader.Closed(counted: false);
}
