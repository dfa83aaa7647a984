using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Conversations;

/// <summary>A shared scope's agent: the row is the scope's agent id, the resource a Letta agent tagged with the scope.</summary>
internal sealed class SharedAgentSlot(
    SharedAgentKey key, ILettaClient letta, ISharedAgentRegistry registry, AgentDeleter deleter, AgentRuntimeTelemetry telemetry, AgentRuntimeOptions options) : IClaimSlot
{
    public string Owner => key.Value;

    public AgentDeleter Deleter => deleter;

    public Task<string?> ReadClaimedAsync(CancellationToken cancellationToken) => registry.ReadSharedAgentIdAsync(key, cancellationToken);

    public Task<bool> TryClaimAsync(string id, CancellationToken cancellationToken) => registry.TryClaimSharedAgentIdAsync(key, id, cancellationToken);

    public Task<bool> TryReplaceAsync(string expected, string id, CancellationToken cancellationToken) => registry.TryReplaceSharedAgentIdAsync(key, expected, id, cancellationToken);

    public Task<string> CreateAsync(string creation, CancellationToken cancellationToken) =>
        AgentClaimSlot.CreateTaggedAgentAsync(letta, telemetry, BuildRequest(creation), cancellationToken);

    public Task<IReadOnlyList<string>> FindCreatedAsync(string creation, CancellationToken cancellationToken) =>
        AgentClaimSlot.FindTaggedAgentsAsync(letta, AgentTags.CreationPrefix + creation, cancellationToken);

    private LettaCreateAgentRequest BuildRequest(string creation)
    {
        var metadata = new Dictionary<string, string>
        {
            ["nosis_scope"] = key.Scope == AgentScope.User ? "user" : "office",
            ["nosis_office_id"] = key.OfficeId,
            ["nosis_creation"] = creation,
        };
        if (key.UserId is { } userId)
        {
            metadata["nosis_user_id"] = userId;
        }

        return new LettaCreateAgentRequest
        {
            Name = AgentClaimService.NameFor(key.Value),
            Model = options.AgentModel,
            Embedding = options.AgentEmbedding,
            Tags = [AgentTags.Runtime, AgentTags.Shared, AgentTags.ForScope(key), AgentTags.CreationPrefix + creation],
            MemoryBlocks = options.SharedAgentMemoryBlocks.Count == 0 ? null : [.. options.SharedAgentMemoryBlocks],
            Metadata = metadata,
        };
    }
}
