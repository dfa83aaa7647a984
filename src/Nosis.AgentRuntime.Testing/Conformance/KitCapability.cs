namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>The names of the capabilities a conformance suite asks its author for through an overridable hook.</summary>
/// <remarks>
/// Each capability's hook fails with a message saying what to implement until it is overridden. An adapter that truly
/// lacks one declares it in the suite's <c>LackedCapabilities</c> with a reason; its checks then show as skipped, with
/// that reason, and the suite lists every lacked capability in the run's output.
/// </remarks>
public static class KitCapability
{
    /// <summary>A second registry instance over the same store, as another process would have (<c>CreateRegistryOverSameStoreAsync</c>).</summary>
    public const string SharedStore = "shared-store";

    /// <summary>A registry that re-claims a conversation whose agent Letta lost (<c>IAgentIdRegistry.TryReplaceAgentIdAsync</c>).</summary>
    public const string ReplaceAgentId = "replace-agent-id";

    /// <summary>The reasoning, cached-input and step counts of <c>TokenUsage</c> kept by a message store.</summary>
    public const string DetailedUsage = "detailed-usage";

    /// <summary>The agent id and run id of an assistant reply kept by a message store.</summary>
    public const string AgentAndRunIds = "agent-and-run-ids";

    /// <summary>The ordered parts of user and assistant messages kept by a message store.</summary>
    public const string MessageParts = "message-parts";

    /// <summary>Content holding NUL characters (U+0000) kept by a message store.</summary>
    public const string NulCharacters = "nul-characters";

    /// <summary>A message store that finds turns without a stored reply (<c>IUnansweredTurnStore</c>), for crash recovery from Letta.</summary>
    public const string UnansweredTurns = "unanswered-turns";

    /// <summary>A tool loader whose tool sets' release throws (<c>CreateLoaderWhoseReleaseThrowsAsync</c>).</summary>
    public const string FailingRelease = "failing-release";

    /// <summary>Work already running finishes before a scheduler's shutdown returns.</summary>
    public const string DrainOnShutdown = "drain-on-shutdown";
}
