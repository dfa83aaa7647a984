using System.Net;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Recovery;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>One rule for every turn refused before its reply starts: the user message plus one failed marker, and a retry with the same message id stores no second copy.</summary>
public sealed class TurnRefusalTests
{
    private ChatHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await ChatHarness.StartAsync();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    public enum Refusal
    {
        UnsupportedTarget,
        AgentCreationFailed,
        LettaConflict,
    }

    [TestCase(Refusal.UnsupportedTarget)]
    [TestCase(Refusal.AgentCreationFailed)]
    [TestCase(Refusal.LettaConflict)]
    public async Task StartAsync_RefusedTwiceWithTheSameMessageId_StoresTheUserMessageAndOneFailedMarker(Refusal refusal)
    {
        var request = Request(refusal) with { UserMessageId = "msg_refused_1" };
        var service = Service(refusal);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (refusal == Refusal.LettaConflict)
            {
                _harness.Emulator.Faults.FailNext(_harness.StreamEndpoint, 409, body: """{"detail":"CONFLICT: Cannot send a new message: busy"}""");
            }

            var act = () => service.StartAsync(request);
            await act.Should().ThrowAsync<Exception>();
            await _harness.Scheduler.WaitForIdleAsync(TimeSpan.FromSeconds(10));
        }

        var messages = _harness.Messages.GetMessages(_harness.Conversation.ConversationId);
        messages.Select(m => m.MessageId).Should().Equal("msg_refused_1", OrphanedTurnRecovery.RecoveredReplyId("msg_refused_1"));
        messages[0].User!.Content.Should().Be("Refuse me");
        messages[1].Assistant!.Completion.Should().Be(ReplyCompletion.Failed);
        messages[1].Assistant!.Text.Should().BeEmpty();
    }

    [Test]
    public async Task StartAsync_RetryAfterALettaConflict_IsAnsweredAfterTheMarkerWithoutASecondUserMessage()
    {
        var service = _harness.CreateService();
        var request = _harness.Request("Refuse me") with { UserMessageId = "msg_retried" };
        _harness.Emulator.Faults.FailNext(_harness.StreamEndpoint, 409, body: """{"detail":"CONFLICT: busy"}""");
        await ((Func<Task>)(() => service.StartAsync(request))).Should().ThrowAsync<AgentBusyException>();
        _harness.Emulator.Replies.Enqueue(LettaReply.FromText("Now it works."));

        await using (var stream = await service.StartAsync(request))
        {
            await stream.ToListAsync();
        }

        var messages = _harness.Messages.GetMessages(_harness.Conversation.ConversationId);
        messages.Select(m => m.User is not null ? "user" : m.Assistant!.Completion.ToString()).Should().Equal("user", "Failed", "Completed");
        messages[2].Assistant!.Text.Should().Be("Now it works.");
    }

    private AgentChatRequest Request(Refusal refusal) => refusal == Refusal.UnsupportedTarget
        ? _harness.Request("Refuse me") with { Conversation = _harness.Conversation with { ExecutionTarget = ExecutionTarget.Local } }
        : _harness.Request("Refuse me");

    private AgentChatService Service(Refusal refusal) => refusal != Refusal.AgentCreationFailed
        ? _harness.CreateService()
        : new AgentChatService(
            new FailingResolver(), _harness.Letta, _harness.Messages, _harness.Tools, _harness.Scheduler, _harness.Errors,
            Microsoft.Extensions.Options.Options.Create(_harness.Options),
            Microsoft.Extensions.Options.Options.Create(new LettaOptions { BaseUrl = _harness.Emulator.BaseUrl, ApiKey = ChatHarness.ApiKey }));

    private sealed class FailingResolver : IAgentIdResolver
    {
        public Task<string> ResolveOrCreateAgentIdAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default) =>
            throw new LettaApiException(HttpStatusCode.ServiceUnavailable, "POST /v1/agents/", "Letta is down");
    }
}
