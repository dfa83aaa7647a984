using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The unanswered-turn checks (<see cref="IUnansweredTurnStore"/>): a conversation whose latest message is a user message has an unanswered turn.</content>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>The latest message is the unanswered turn while it is a user message; once a reply is saved there is none.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task FindUnansweredTurnAsync_LatestMessageIsAUserMessage_ReturnsItUntilAReplyIsSaved() => WithStoreAsync(async (store, conversationId) =>
    {
        var turns = RequireUnansweredTurns(store);
        Assert.That(await turns.FindUnansweredTurnAsync(conversationId).ConfigureAwait(false), Is.Null, "A conversation without messages has no unanswered turn.");

        await store.SaveUserMessageAsync(User(conversationId, "first", 0)).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "answer", 1)).ConfigureAwait(false);
        var pending = User(conversationId, "second", 2);
        await store.SaveUserMessageAsync(pending).ConfigureAwait(false);

        var found = await turns.FindUnansweredTurnAsync(conversationId).ConfigureAwait(false);
        Assert.That(found?.MessageId, Is.EqualTo(pending.MessageId), "The unanswered turn is the conversation's latest message when that is a user message. Likely cause: the first user message without a reply is returned, or the order is not the one messages are read in.");
        Assert.That(found!.Content, Is.EqualTo("second"), "The unanswered turn must come back with its content.");

        await store.SaveAssistantMessageAsync(Assistant(conversationId, "late answer", 3)).ConfigureAwait(false);
        Assert.That(await turns.FindUnansweredTurnAsync(conversationId).ConfigureAwait(false), Is.Null, "A conversation whose latest message is a reply has no unanswered turn, or recovery would answer it twice.");
    });

    /// <summary>The listing returns only unanswered turns older than the cutoff, one per conversation, oldest first, at most the limit.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task ListUnansweredTurnsAsync_ManyConversations_ReturnsOnlyOldEnoughUnansweredTurnsOldestFirst() => WithStoreAsync(async (store, answered) =>
    {
        var turns = RequireUnansweredTurns(store);
        var older = await AddConversationAsync(store).ConfigureAwait(false);
        var old = await AddConversationAsync(store).ConfigureAwait(false);
        var young = await AddConversationAsync(store).ConfigureAwait(false);
        await store.SaveUserMessageAsync(User(answered, "answered", 0)).ConfigureAwait(false);
        await store.SaveAssistantMessageAsync(Assistant(answered, "reply", 1)).ConfigureAwait(false);
        await store.SaveUserMessageAsync(User(older, "older first", 2)).ConfigureAwait(false);
        var olderTurn = User(older, "older latest", 3);
        await store.SaveUserMessageAsync(olderTurn).ConfigureAwait(false);
        var oldTurn = User(old, "old", 4);
        await store.SaveUserMessageAsync(oldTurn).ConfigureAwait(false);
        await store.SaveUserMessageAsync(User(young, "young", 100)).ConfigureAwait(false);

        var listed = await turns.ListUnansweredTurnsAsync(Epoch.AddSeconds(50), 1000).ConfigureAwait(false);
        var mine = listed.Where(m => m.ConversationId == older || m.ConversationId == old || m.ConversationId == young || m.ConversationId == answered).Select(m => m.MessageId).ToList();
        Assert.That(mine, Is.EqualTo(new[] { olderTurn.MessageId, oldTurn.MessageId }), "Only each conversation's latest message, when it is a user message saved before the cutoff, is an unanswered turn, oldest first. Likely cause: answered turns, earlier user messages of a conversation, or turns newer than the cutoff are listed.");

        var limited = await turns.ListUnansweredTurnsAsync(Epoch.AddSeconds(50), 1).ConfigureAwait(false);
        Assert.That(limited, Has.Count.EqualTo(1), "The listing must return at most the limit.");
    });

    private IUnansweredTurnStore RequireUnansweredTurns(IMessageStore store)
    {
        Require(KitCapability.UnansweredTurns);
        if (store is not IUnansweredTurnStore turns)
        {
            throw new AssertionException(
                $"{GetType().Name}: the store does not implement IUnansweredTurnStore, which crash recovery needs to find turns whose reply was never stored. "
                + "Implement it, or declare it: override LackedCapabilities to return new LackedCapability(KitCapability.UnansweredTurns, \"why\").");
        }

        return turns;
    }
}
