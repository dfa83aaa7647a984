namespace Nosis.AgentRuntime.Contracts;

/// <summary>The responsibility boundary between the shared runtime and its hosts, as data a host or a review can check against.</summary>
public static class ResponsibilityBoundaries
{
    /// <summary>Gets the shared runtime's boundary.</summary>
    public static ResponsibilityBoundary SharedRuntime { get; } = new(
        RuntimeComponent.SharedRuntime,
        [
            "execution-target taxonomy and canonicalisation (legacy 'default' to 'sandbox')",
            "getting or creating the conversation's Letta agent, race-safe, with orphan clean-up",
            "streaming a Letta reply as typed events and as the AI SDK UI message stream",
            "calling the adapters: persistence, tool loading, background work, error reporting, turn leases",
        ],
        [
            "touch a database, tool server, job queue or log sink directly",
            "read environment variables, files or the console",
            "run a conversation without an office id",
        ]);

    /// <summary>Gets the cloud worker's boundary.</summary>
    public static ResponsibilityBoundary Worker { get; } = new(
        RuntimeComponent.Worker,
        [
            "hosting the runtime: the control plane for conversations and chats",
            "implementing the adapters over its database, tool servers and background work",
            "resolving a concrete office for every conversation before a turn",
            "validating execution targets as sandbox-only, accepting legacy 'default'",
        ],
        [
            "run local execution",
            "write the legacy 'default' target back out",
        ]);

    /// <summary>Gets the web front end's boundary.</summary>
    public static ResponsibilityBoundary Web { get; } = new(
        RuntimeComponent.Web,
        [
            "validating input with the execution taxonomy alone",
            "listing conversations with the sandbox filter by default",
            "rendering the UI message stream",
        ],
        [
            "call Letta directly",
            "load tools or hold Letta credentials",
            "list desktop-local threads",
        ]);

    /// <summary>Gets the desktop app's boundary.</summary>
    public static ResponsibilityBoundary Desktop { get; } = new(
        RuntimeComponent.Desktop,
        [
            "running sandbox and local targets",
            "implementing its own adapters (a later milestone), proven with the conformance kit",
            "marshalling adapter callbacks to its UI thread itself",
        ],
        [
            "reuse the worker's database or credentials",
            "let local threads appear in web lists",
        ]);

    /// <summary>Gets every boundary, one per component.</summary>
    public static IReadOnlyList<ResponsibilityBoundary> All { get; } = [SharedRuntime, Worker, Web, Desktop];

    /// <summary>Returns the boundary of a component.</summary>
    /// <param name="component">The component.</param>
    /// <returns>Its boundary.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="component"/> is not a defined value.</exception>
    public static ResponsibilityBoundary For(RuntimeComponent component) =>
        All.FirstOrDefault(b => b.Component == component)
        ?? throw new ArgumentOutOfRangeException(nameof(component), component, "Not a defined runtime component.");
}
