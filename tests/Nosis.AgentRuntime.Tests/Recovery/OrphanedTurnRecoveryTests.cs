using Microsoft.Extensions.Logging.Abstractions;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Recovery;
using Nosis.AgentRuntime.Testing.InMemory;
using Nosis.AgentRuntime.Tests.Streaming;
using Nosis.AgentRuntime.Turns;

namespace Nosis.AgentRuntime.Tests.Recovery;

/// <summary>A turn whose process died before its reply was stored is recovered from Letta's history: by the next turn, or by the reconciler.</summary>
public sealed class OrphanedTurnRecoveryTests
{
    private ChatHarness _chat = null!;

    [SetUp]
    public async Task SetUp() => _chat = await ChatHarness.StartAsync(o => o.FinishRepliesAfterDisconnect = true);

    [TearDown]
    public async Task TearDown() => await _chat.DisposeAsync();

    [Test]
    public async Task NextTurn_AfterAProcessDiedMidReply_StoresTheReplyLettaCompletedBeforeTheNewTurn()
    {
        var orphan = await DieMidReplyAsync(_chat.Conversation.ConversationId, _chat.AgentId, "Are you there?", "Yes, I finished this after you left.");
        _chat.Emulator.Replies.Enqueue(LettaReply.FromText("And this is the new turn."));

        await using (var stream = await _chat.CreateService().StartAsync(_chat.Request("Second question")))
        {
            await stream.ToListAsync();
        }

        var messages = _chat.Messages.GetMessages(_chat.Conversation.ConversationId);
        messages.Select(m => m.MessageId).Should().HaveCount(4);
        messages[0].User!.MessageId.Should().Be(orphan.MessageId);
        var recovered = messages[1].Assistant!;
        recovered.Text.Should().Be("Yes, I finished this after you left.");
        recovered.Completion.Should().Be(ReplyCompletion.Completed);
        recovered.AgentId.Should().Be(_chat.AgentId);
        recovered.RunId.Should().StartWith("run-");
        messages[2].User!.Content.Should().Be("Second question");
        messages[3].Assistant!.Text.Should().Be("And this is the new turn.");
    }

    [Test]
    public async Task NextTurn_LettaNeverReceivedTheUnansweredMessage_MarksThatTurnFailed()
    {
        var orphan = new UserMessage("msg_lost_" + Guid.NewGuid().ToString("N"), _chat.Conversation.ConversationId, "u_1", "Lost before the send", DateTimeOffset.UtcNow);
        await _chat.Messages.SaveUserMessageAsync(orphan);
        _chat.Emulator.Replies.Enqueue(LettaReply.FromText("Fresh reply."));

        await using (var stream = await _chat.CreateService().StartAsync(_chat.Request("Again")))
        {
            await stream.ToListAsync();
        }

        var messages = _chat.Messages.GetMessages(_chat.Conversation.ConversationId);
        messages.Should().HaveCount(4);
        messages[1].Assistant!.Completion.Should().Be(ReplyCompletion.Failed);
        messages[1].Assistant!.Text.Should().BeEmpty();
        messages[1].Assistant!.MessageId.Should().Be(OrphanedTurnRecovery.RecoveredReplyId(orphan.MessageId));
        messages[3].Assistant!.Text.Should().Be("Fresh reply.");
    }

    [Test]
    public async Task NextTurn_RetriesTheUnansweredMessageWithItsOwnId_AnswersItOnceWithoutAFailedMarker()
    {
        var orphan = new UserMessage("msg_retry_" + Guid.NewGuid().ToString("N"), _chat.Conversation.ConversationId, "u_1", "Retry me", DateTimeOffset.UtcNow);
        await _chat.Messages.SaveUserMessageAsync(orphan);
        _chat.Emulator.Replies.Enqueue(LettaReply.FromText("Answered on retry."));

        await using (var stream = await _chat.CreateService().StartAsync(_chat.Request("Retry me") with { UserMessageId = orphan.MessageId }))
        {
            await stream.ToListAsync();
        }

        var messages = _chat.Messages.GetMessages(_chat.Conversation.ConversationId);
        messages.Should().HaveCount(2);
        messages[1].Assistant!.Text.Should().Be("Answered on retry.");
        messages[1].Assistant!.Completion.Should().Be(ReplyCompletion.Completed);
    }

    [Test]
    public async Task Turn_SendsTheStoredUserMessageIdAsTheOtidLettaKeeps()
    {
        _chat.Emulator.Replies.Enqueue(LettaReply.FromText("Noted."));

        await using (var stream = await _chat.CreateService().StartAsync(_chat.Request("Track me") with { UserMessageId = "msg_tracked_1" }))
        {
            await stream.ToListAsync();
        }

        var kept = await _chat.Letta.ListMessagesAsync(_chat.AgentId, new LettaMessageListQuery { OldestFirst = true });
        kept.OfType<LettaUserMessage>().Should().ContainSingle().Which.Otid.Should().Be("msg_tracked_1");
        kept.OfType<LettaAssistantMessage>().Should().ContainSingle().Which.Content.Should().Be("Noted.");
    }

    [Test]
    public async Task Reconciler_ConversationNobodyWritesToAgain_StoresLettasReplyOnceAcrossRuns()
    {
        var registry = new InMemoryAgentIdRegistry();
        var conversationId = registry.AddConversation();
        await registry.TryClaimAgentIdAsync(conversationId, _chat.AgentId);
        var orphan = await DieMidReplyAsync(conversationId, _chat.AgentId, "Anyone?", "Letta answered anyway.");
        _chat.Options.TurnRecoveryMinAge = TimeSpan.Zero;
        var reconciler = Reconciler(registry);

        var first = await reconciler.ReconcileAsync(CancellationToken.None);
        var second = await reconciler.ReconcileAsync(CancellationToken.None);

        first.Should().Be(1);
        second.Should().Be(0, "the turn has its reply now");
        var messages = _chat.Messages.GetMessages(conversationId);
        messages.Select(m => m.MessageId).Should().Equal(orphan.MessageId, OrphanedTurnRecovery.RecoveredReplyId(orphan.MessageId));
        messages[1].Assistant!.Text.Should().Be("Letta answered anyway.");
        messages[1].Assistant!.Completion.Should().Be(ReplyCompletion.Completed);
    }

    [Test]
    public async Task Reconciler_UnansweredTurnYoungerThanTheMinimumAge_IsLeftAlone()
    {
        var registry = new InMemoryAgentIdRegistry();
        var conversationId = registry.AddConversation();
        await _chat.Messages.SaveUserMessageAsync(new UserMessage("msg_young", conversationId, "u_1", "Just sent", DateTimeOffset.UtcNow));
        _chat.Options.TurnRecoveryMinAge = TimeSpan.FromHours(1);

        var recovered = await Reconciler(registry).ReconcileAsync(CancellationToken.None);

        recovered.Should().Be(0);
        _chat.Messages.GetMessages(conversationId).Should().ContainSingle();
    }

    [Test]
    public async Task Reconciler_ConversationWhoseAgentWasNeverCreated_MarksTheTurnFailed()
    {
        var registry = new InMemoryAgentIdRegistry();
        var conversationId = registry.AddConversation();
        await _chat.Messages.SaveUserMessageAsync(new UserMessage("msg_no_agent", conversationId, "u_1", "Before any agent", DateTimeOffset.UtcNow.AddMinutes(-10)));

        var recovered = await Reconciler(registry).ReconcileAsync(CancellationToken.None);

        recovered.Should().Be(1);
        _chat.Messages.GetAssistantMessages(conversationId).Should().ContainSingle().Which.Completion.Should().Be(ReplyCompletion.Failed);
    }

    [Test]
    public async Task Reconciler_ConversationHeldByALiveTurn_IsLeftToThatTurn()
    {
        var registry = new InMemoryAgentIdRegistry();
        var conversationId = registry.AddConversation();
        await registry.TryClaimAgentIdAsync(conversationId, _chat.AgentId);
        await _chat.Messages.SaveUserMessageAsync(new UserMessage("msg_live", conversationId, "u_1", "Still streaming", DateTimeOffset.UtcNow.AddMinutes(-10)));
        _chat.Options.TurnWaitTimeout = TimeSpan.FromMilliseconds(200);
        var gate = new ConversationTurnGate(Microsoft.Extensions.Options.Options.Create(_chat.Options));
        await using var live = await gate.EnterAsync(conversationId);

        var recovered = await Reconciler(registry, gate).ReconcileAsync(CancellationToken.None);

        recovered.Should().Be(0);
        _chat.Messages.GetAssistantMessages(conversationId).Should().BeEmpty("the turn holding the conversation stores its own reply");
    }

    [Test]
    public async Task Reconciler_AgentLettaNoLongerHas_MarksTheTurnFailedWithoutAnErrorReport()
    {
        var registry = new InMemoryAgentIdRegistry();
        var conversationId = registry.AddConversation();
        var goneAgent = _chat.Emulator.SeedAgent(["gone"]);
        await registry.TryClaimAgentIdAsync(conversationId, goneAgent);
        await _chat.Letta.DeleteAgentAsync(goneAgent);
        await _chat.Messages.SaveUserMessageAsync(new UserMessage("msg_gone", conversationId, "u_1", "To a deleted agent", DateTimeOffset.UtcNow.AddMinutes(-10)));

        var recovered = await Reconciler(registry).ReconcileAsync(CancellationToken.None);

        recovered.Should().Be(1);
        _chat.Messages.GetAssistantMessages(conversationId).Should().ContainSingle().Which.Completion.Should().Be(ReplyCompletion.Failed);
        _chat.Errors.Reports.Should().BeEmpty("Letta answering 404 for the agent means it has no reply, not that recovery failed");
    }

    /// <summary>What a process that died mid-reply leaves: the stored user message, sent to Letta with its id as otid, its stream cut; Letta finishes the reply.</summary>
    private async Task<UserMessage> DieMidReplyAsync(string conversationId, string agentId, string text, string reply)
    {
        var orphan = new UserMessage("msg_orphan_" + Guid.NewGuid().ToString("N"), conversationId, "u_1", text, DateTimeOffset.UtcNow.AddMinutes(-5));
        await _chat.Messages.SaveUserMessageAsync(orphan);
        var words = reply.Split(' ');
        var release = new TaskCompletionSource();
        _chat.Emulator.Replies.Enqueue(LettaReply.Create().Text(words[0] + " ").WaitFor(release.Task).Text(string.Join(' ', words[1..])).Build());
        var request = new LettaMessageRequest([LettaInputMessage.User(text) with { Otid = orphan.MessageId }]);
        await foreach (var item in _chat.Letta.StreamMessageAsync(agentId, request))
        {
            if (item is LettaAssistantMessage)
            {
                break; // the process is gone: the connection closes mid-reply
            }
        }

        release.SetResult();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!_chat.Emulator.HistoryOf(agentId).Any(m => m.Contains(orphan.MessageId, StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return orphan;
    }

    private TurnReconciler Reconciler(InMemoryAgentIdRegistry registry, ConversationTurnGate? sharedGate = null)
    {
        var options = _chat.Options;
        var recovery = new OrphanedTurnRecovery(
            _chat.Messages, _chat.Messages, new AgentMessagesHistoryReader(_chat.Letta), _chat.Errors, SecretRedactor.ForSecret(ChatHarness.ApiKey),
            options, TimeProvider.System, NullLogger.Instance);
        var gate = sharedGate ?? new ConversationTurnGate(Microsoft.Extensions.Options.Options.Create(options));
        return new TurnReconciler(_chat.Messages, registry, gate, recovery, options, TimeProvider.System, NullLogger.Instance);
    }
}
