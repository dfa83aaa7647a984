using Nosis.AgentRuntime.Testing.Conformance;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

/// <summary>The reply path is idempotent, but the user-message path checks, then inserts: overlapping retries both insert.</summary>
public sealed class UserCheckThenInsertMessageStore : BrokenMessageStore
{
    protected override Task InsertUserAsync(StoredMessage message) => CheckThenInsertAsync(message);
}
