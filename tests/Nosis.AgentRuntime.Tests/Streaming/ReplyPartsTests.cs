using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>The stored reply carries its parts in the order they streamed, and the user message the parts it was sent with.</summary>
[TestFixture(AgentScope.Conversation)]
[TestFixture(AgentScope.User)]
public sealed class ReplyPartsTests(AgentScope scope)
{
    private ChatHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await ChatHarness.StartAsync(scope: scope);

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    [Test]
    public async Task StreamAsync_ReasoningServerToolClientToolAndText_StoredAsPartsInStreamOrder()
    {
        _harness.Tools.DefineTool("lookup", ToolScope.Global, args => ToolResult.Success($"found {args}"));
        _harness.Tools.DefineTool("explode", ToolScope.Global, _ => throw new InvalidOperationException("kaboom"));
        _harness.Emulator.Replies.Enqueue(LettaReply.Create()
            .Reasoning("Let me look it up.")
            .ServerToolCall("web_search", """{"q":"x"}""", "three results")
            .ClientToolCall("lookup", """{"q":"y"}""", "call_1")
            .ClientToolCall("explode", "{}", "call_2")
            .Text("Here is what I found.")
            .Build());
        var service = _harness.CreateService();

        await service.StreamAsync(_harness.Request()).ToListAsync();
        var reply = await _harness.SavedReplyAsync();

        reply.Parts.Should().NotBeNull();
        reply.Parts!.Select(Describe).Should().Equal(
            "reasoning:Let me look it up.",
            "call:web_search",
            "result:three results",
            "call:lookup",
            """result:found {"q":"y"}""",
            "call:explode",
            "error",
            "text:Here is what I found.");
        reply.Text.Should().Be("Here is what I found.");
    }

    [Test]
    public async Task StreamAsync_ClientStopsMidReply_StoredPartsHoldWhatStreamed()
    {
        var release = new TaskCompletionSource();
        _harness.Emulator.Replies.Enqueue(LettaReply.Create().Text("Partial answer").WaitFor(release.Task).Text(" never sent").Build());
        var service = _harness.CreateService();

        await foreach (var chatEvent in service.StreamAsync(_harness.Request()))
        {
            if (chatEvent is Nosis.AgentRuntime.Streaming.TextDeltaEvent { Delta: "answer" })
            {
                break;
            }
        }

        var reply = await _harness.SavedReplyAsync();
        release.SetResult();

        reply.Completion.Should().Be(ReplyCompletion.Aborted);
        reply.Parts.Should().Equal(new TextPart("Partial answer"));
    }

    [Test]
    public async Task StartAsync_UserParts_AreStoredWithTheUserMessage()
    {
        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("Seen."));
        MessagePart[] parts = [new TextPart("Look at this"), new OpaquePart("file", """{"type":"file","mediaType":"text/plain","url":"data:,hi"}""")];
        var service = _harness.CreateService();

        await service.StreamAsync(_harness.Request("Look at this") with { UserMessageId = "u-1", UserParts = parts }).ToListAsync();

        _harness.Messages.GetUserMessages(_harness.Conversation.ConversationId).Should().ContainSingle()
            .Which.Should().Match<UserMessage>(m => m.MessageId == "u-1" && m.Parts!.SequenceEqual(parts));
    }

    private static string Describe(MessagePart part) => part switch
    {
        ReasoningPart reasoning => $"reasoning:{reasoning.Text}",
        TextPart text => $"text:{text.Text}",
        ToolCallPart call => $"call:{call.ToolName}",
        ToolResultPart { IsError: true } => "error",
        ToolResultPart result => $"result:{result.Output}",
        _ => part.GetType().Name,
    };
}
