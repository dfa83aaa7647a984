using NUnit.Framework;
using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>The message store suite, seen from the parts of a message: every part kind is read back as saved, in order.</summary>
public abstract partial class MessageStoreConformanceTests
{
    /// <summary>A reply with every part kind (text, reasoning, tool call, tool result with output and with an error, an opaque part) is read back with the same parts in the same order.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveAssistantMessageAsync_EveryPartKind_RoundTripsInOrder() => WithStoreAsync(async (store, conversationId) =>
    {
        Require(KitCapability.MessageParts);
        MessagePart[] parts =
        [
            new ReasoningPart("The user wants the time — 日本."),
            new ToolCallPart("call-1", "get_time", """{"zone":"UTC"}"""),
            new ToolResultPart("call-1", "12:00", IsError: false),
            new ToolCallPart("call-2", "broken_tool", "not json {"),
            new ToolResultPart("call-2", "The tool failed: boom", IsError: true),
            new ToolCallPart("call-3", "silent_tool", "{}"),
            new ToolResultPart("call-3", null, IsError: false),
            new TextPart("It is noon. 🤖"),
            new OpaquePart("data-note", """{"type":"data-note","data":{"n":1}}"""),
        ];
        await store.SaveAssistantMessageAsync(Assistant(conversationId, "It is noon. 🤖", 0) with { Parts = parts }).ConfigureAwait(false);

        var replies = await ReadAssistantMessagesAsync(store, conversationId, 1).ConfigureAwait(false);

        Assert.That(replies[0].Parts, Is.Not.Null, "A message store must keep a reply's parts: they were read back as null.");
        Assert.That(
            replies[0].Parts,
            Is.EqualTo(parts),
            $"A message store must keep a reply's parts unchanged and in order: saved [{string.Join(", ", parts)}], read back [{string.Join(", ", replies[0].Parts!)}].");
    });

    /// <summary>A user message keeps the parts it was sent with, and a user message sent as plain text has no parts or one text part of its content.</summary>
    /// <returns>A task that completes with the test.</returns>
    [Test]
    public virtual Task SaveUserMessageAsync_Parts_RoundTripInOrder() => WithStoreAsync(async (store, conversationId) =>
    {
        Require(KitCapability.MessageParts);
        MessagePart[] parts =
        [
            new TextPart("What is in this file?"),
            new OpaquePart("file", """{"type":"file","mediaType":"text/plain","url":"data:text/plain;base64,aGk="}"""),
        ];
        await store.SaveUserMessageAsync(User(conversationId, "What is in this file?", 0) with { Parts = parts }).ConfigureAwait(false);
        await store.SaveUserMessageAsync(User(conversationId, "plain", 1)).ConfigureAwait(false);

        var users = (await ReadMessagesAsync(store, conversationId).ConfigureAwait(false)).Where(m => !m.IsAssistant).Select(m => m.User!).ToList();

        Assert.That(users, Has.Count.EqualTo(2), "A message store must keep every user message.");
        Assert.That(users[0].Parts, Is.EqualTo(parts), "A message store must keep the parts a user message was sent with, in order.");
        Assert.That(
            users[1].Parts is null || users[1].Parts!.SequenceEqual([new TextPart("plain")]),
            Is.True,
            "A user message saved without parts must be read back without parts or with one text part of its content.");
    });
}
