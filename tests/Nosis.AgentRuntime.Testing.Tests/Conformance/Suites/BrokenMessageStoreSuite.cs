using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Testing.Conformance;
using Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Messages;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Suites;

/// <summary>The message store suite over one deliberately wrong store.</summary>
public abstract class BrokenMessageStoreSuite<T> : MessageStoreConformanceTests
    where T : BrokenMessageStore, new()
{
    protected override int LargeContentLength => 128 * 1024;

    protected override Task<IMessageStore> CreateStoreAsync() => Task.FromResult<IMessageStore>(new T());

    protected override Task<string> AddConversationAsync(IMessageStore store) => Task.FromResult("conv-" + Guid.NewGuid().ToString("N"));

    protected override Task<IReadOnlyList<StoredMessage>> ReadMessagesAsync(IMessageStore store, string conversationId) => Task.FromResult(((T)store).GetMessages(conversationId));
}

[Explicit(BrokenSuite.Reason)] public sealed class CompletionDroppingStoreSuite : BrokenMessageStoreSuite<CompletionDroppingMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class UserCheckThenInsertStoreSuite : BrokenMessageStoreSuite<UserCheckThenInsertMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class AssistantCheckThenInsertStoreSuite : BrokenMessageStoreSuite<AssistantCheckThenInsertMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class NoUniqueKeyStoreSuite : BrokenMessageStoreSuite<NoUniqueKeyMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class TrimmingStoreSuite : BrokenMessageStoreSuite<TrimmingMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class NulStrippingStoreSuite : BrokenMessageStoreSuite<NulStrippingMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class CompletedOnlyUsageStoreSuite : BrokenMessageStoreSuite<CompletedOnlyUsageMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class ZeroUsageAsNullStoreSuite : BrokenMessageStoreSuite<ZeroUsageAsNullMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class NullUsageAsZerosStoreSuite : BrokenMessageStoreSuite<NullUsageAsZerosMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class DetailedUsageDroppingStoreSuite : BrokenMessageStoreSuite<DetailedUsageDroppingMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class ModelDroppingStoreSuite : BrokenMessageStoreSuite<ModelDroppingMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class PartsDroppingStoreSuite : BrokenMessageStoreSuite<PartsDroppingMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class PartsReorderingStoreSuite : BrokenMessageStoreSuite<PartsReorderingMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class TruncatedFlagDroppingStoreSuite : BrokenMessageStoreSuite<TruncatedFlagDroppingMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class RunIdDroppingStoreSuite : BrokenMessageStoreSuite<RunIdDroppingMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class CappedContentStoreSuite : BrokenMessageStoreSuite<CappedContentMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class Latin1StoreSuite : BrokenMessageStoreSuite<Latin1MessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class IdOrderedStoreSuite : BrokenMessageStoreSuite<IdOrderedMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class ConversationIgnoringStoreSuite : BrokenMessageStoreSuite<ConversationIgnoringMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class AuthorDroppingStoreSuite : BrokenMessageStoreSuite<AuthorDroppingMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class LatestUserMessageStoreSuite : BrokenMessageStoreSuite<LatestUserMessageStore>;
[Explicit(BrokenSuite.Reason)] public sealed class EmptyReplyDroppingStoreSuite : BrokenMessageStoreSuite<EmptyReplyDroppingMessageStore>;
