namespace Nosis.AgentRuntime.Claims;

/// <summary>One claimed row and the Letta resource it points at: what <see cref="ClaimRunner"/> needs to get or create it race-safely.</summary>
/// <remarks>
/// Implemented for a conversation's own agent, a shared scope's agent and a host conversation's Letta conversation. The
/// runner supplies a creation marker per create call, which the slot writes into the resource (a tag, a description) so that
/// a resource whose create response was lost can be found again.
/// </remarks>
internal interface IClaimSlot
{
    /// <summary>Gets what owns the row (a conversation id, a shared scope's key): the single-flight key and the name in logs and errors.</summary>
    string Owner { get; }

    /// <summary>Gets the deleter for resources this slot must not keep.</summary>
    AgentDeleter Deleter { get; }

    /// <summary>Reads the claimed id from the source of truth.</summary>
    Task<string?> ReadClaimedAsync(CancellationToken cancellationToken);

    /// <summary>Claims <paramref name="id"/> when nothing is claimed yet (compare-and-set).</summary>
    Task<bool> TryClaimAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces <paramref name="expected"/> with <paramref name="id"/> (compare-and-set).</summary>
    Task<bool> TryReplaceAsync(string expected, string id, CancellationToken cancellationToken);

    /// <summary>Makes one create call carrying <paramref name="creation"/>; returns the new resource's id.</summary>
    Task<string> CreateAsync(string creation, CancellationToken cancellationToken);

    /// <summary>Finds the resources a create call carrying <paramref name="creation"/> made, oldest first.</summary>
    Task<IReadOnlyList<string>> FindCreatedAsync(string creation, CancellationToken cancellationToken);
}
