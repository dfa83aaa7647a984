using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <content>The refusal check: a turn refused before its reply starts is stored as its user message plus a failed marker with no text.</content>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>A refused turn retried with the same message id (the runtime saves its user message and its empty failed marker again) keeps one of each, the marker's empty text and its completion intact.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task Saves_RefusedTurnRetriedWithTheSameIds_KeepOneUserMessageAndOneEmptyFailedMarker() => WithStoreAsync(async (store, conversationId) =>
    {
        var user = User(conversationId, "refused question", 0);
        var marker = Assistant(conversationId, string.Empty, 1) with { Completion = ReplyCompletion.Failed, Usage = null, Model = null };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await store.SaveUserMessageAsync(user with { CreatedAt = user.CreatedAt.AddSeconds(attempt * 10) }).ConfigureAwait(false);
            await store.SaveAssistantMessageAsync(marker with { CreatedAt = marker.CreatedAt.AddSeconds(attempt * 10) }).ConfigureAwait(false);
        }

        var messages = await ReadMessagesAsync(store, conversationId).ConfigureAwait(false);

        Assert.That(messages.Select(m => m.MessageId), Is.EqualTo(new[] { user.MessageId, marker.MessageId }), $"A refused turn retried with the same ids must be stored once: read back [{string.Join(", ", messages)}]. Likely cause: a retry's later timestamp makes it a new row, or empty replies are dropped.");
        Assert.That(messages[1].Assistant?.Completion, Is.EqualTo(ReplyCompletion.Failed), "A refusal's failed marker must be kept as failed.");
        Assert.That(messages[1].Assistant?.Text, Is.Empty, "A refusal's failed marker has no text and must be read back with none.");
    });
}
