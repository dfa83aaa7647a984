namespace Nosis.AgentRuntime.Contracts;

/// <summary>Leases a conversation to one turn at a time across processes.</summary>
/// <remarks>
/// Letta takes no per-agent lock, and concurrent sends to one agent are undefined behaviour, so hosts on many machines
/// register a lease store. Each member is one atomic operation. A lease that has expired may be taken over by another owner.
/// </remarks>
public interface ITurnLeaseStore
{
    /// <summary>Takes the lease when it is free or expired.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="ownerToken">A token unique to this turn.</param>
    /// <param name="duration">How long the lease holds unless renewed.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns><see langword="true"/> when this owner now holds the lease.</returns>
    Task<bool> TryAcquireAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lease this owner holds and that has not expired.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="ownerToken">The owner's token.</param>
    /// <param name="duration">How long the lease holds from now.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns><see langword="false"/> when this owner does not hold the lease or it has expired (taken over or not); the owner may then try to acquire it again.</returns>
    Task<bool> RenewAsync(string conversationId, string ownerToken, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up if this owner holds it; otherwise does nothing.</summary>
    /// <param name="conversationId">The conversation.</param>
    /// <param name="ownerToken">The owner's token.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>A task that completes once released.</returns>
    Task ReleaseAsync(string conversationId, string ownerToken, CancellationToken cancellationToken = default);
}
