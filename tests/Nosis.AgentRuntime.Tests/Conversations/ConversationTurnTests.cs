using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Testing.InMemory;
using Nosis.AgentRuntime.Tests.Claims;

namespace Nosis.AgentRuntime.Tests.Conversations;

/// <summary>Whole turns in the User scope: the shared-agent claim, the Conversations endpoints, the emulator's lock and shared memory.</summary>
public sealed class ConversationTurnTests
{
    private ClaimHarness _claims = null!;
    private InMemoryErrorReporter _errors = null!;
    private InMemoryBackgroundScheduler _scheduler = null!;
    private InMemoryMessageStore _messages = null!;
    private AgentChatService _service = null!;

    [SetUp]
    public async Task SetUp()
    {
        _claims = await ClaimHarness.StartAsync();
        _errors = new InMemoryErrorReporter();
        _scheduler = new InMemoryBackgroundScheduler(_errors);
        _messages = new InMemoryMessageStore();
        _service = new AgentChatService(
            _claims.NewScopedService(), _claims.NewClient(), _messages, new InMemoryToolLoader(), _scheduler, _errors,
            Options.Create(new AgentRuntimeOptions { TurnWaitTimeout = TimeSpan.FromSeconds(5) }), Options.Create(_claims.LettaOptions));
    }

    [TearDown]
    public async Task TearDown()
    {
        await _scheduler.DisposeAsync();
        await _claims.DisposeAsync();
    }

    [Test]
    public async Task Turn_InUserScope_StreamsThroughItsLettaConversationAndStoresTheReply()
    {
        var thread = ClaimHarness.NewThread("user_1");
        _claims.Emulator.Replies.Enqueue(LettaReply.FromText("Hello from a conversation."));

        var events = await _service.StreamAsync(new AgentChatRequest(thread, "Hi")).ToListAsync();
        await _scheduler.WaitForIdleAsync(TimeSpan.FromSeconds(10));

        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Hello from a conversation.");
        var lettaConversation = _claims.SharedRegistry.LettaConversations[thread.ConversationId];
        var agentId = _claims.SharedRegistry.SharedAgents["office:office_1/user:user_1"];
        _claims.Emulator.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/messages", StringComparison.Ordinal)).Select(r => r.Path)
            .Should().Equal($"/v1/conversations/{lettaConversation}/messages");
        var reply = _messages.GetAssistantMessages(thread.ConversationId).Should().ContainSingle().Subject;
        (reply.Text, reply.AgentId, reply.Completion).Should().Be(("Hello from a conversation.", agentId, ReplyCompletion.Completed));
        (await _claims.NewClient().ListConversationMessagesAsync(lettaConversation, 10)).OfType<LettaAssistantMessage>().Single().Content.Should().Be("Hello from a conversation.");
    }

    [Test]
    public async Task Turns_InTwoThreadsOfOneAgent_RunInParallel()
    {
        var release = new TaskCompletionSource();
        var first = ClaimHarness.NewThread("user_1");
        var second = ClaimHarness.NewThread("user_1");
        _claims.Emulator.Replies.Enqueue(LettaReply.Create().Text("one").WaitFor(release.Task).Build());
        _claims.Emulator.Replies.Enqueue(LettaReply.Create().Text("two").WaitFor(release.Task).Build());

        await using var a = await _service.StartAsync(new AgentChatRequest(first, "a"));
        await using var b = await _service.StartAsync(new AgentChatRequest(second, "b"));
        release.SetResult();
        await Task.WhenAll(a.ToListAsync().AsTask(), b.ToListAsync().AsTask());

        a.AgentId.Should().Be(b.AgentId, "both threads share the user's agent");
        var sendA = _claims.Emulator.SendsTo(_claims.SharedRegistry.LettaConversations[first.ConversationId]).Single();
        var sendB = _claims.Emulator.SendsTo(_claims.SharedRegistry.LettaConversations[second.ConversationId]).Single();
        sendA.Overlaps(sendB).Should().BeTrue("sends in different conversations of one agent run in parallel");
    }

    [Test]
    public async Task Turn_WhileAnotherSendRunsInItsLettaConversation_ThrowsAgentBusyWithoutRetrying()
    {
        var thread = ClaimHarness.NewThread("user_1");
        var target = await _claims.NewScopedService().ResolveTargetAsync(thread);
        var release = new TaskCompletionSource();
        _claims.Emulator.Replies.Enqueue(LettaReply.Create().Text("Working").WaitFor(release.Task).Build());
        await using var other = _claims.NewClient().StreamConversationMessageAsync(target.LettaConversationId!, LettaMessageRequest.FromUserText("long job")).GetAsyncEnumerator();
        await other.MoveNextAsync();

        try
        {
            var act = () => _service.StartAsync(new AgentChatRequest(thread, "Hi"));

            var busy = (await act.Should().ThrowAsync<AgentBusyException>()).Which;
            busy.InnerException.Should().BeOfType<LettaConflictException>().Which.BusyRunId.Should().StartWith("run-");
            _claims.Emulator.Requests.Count(r => r.StatusCode == 409).Should().Be(1, "Letta's CONVERSATION_BUSY is never retried blindly");
        }
        finally
        {
            release.SetResult();
        }
    }

    [Test]
    public async Task Memory_WrittenInOneThread_IsReadInTheOtherThreadOfTheSameUser()
    {
        var first = ClaimHarness.NewThread("user_1");
        var second = ClaimHarness.NewThread("user_1");
        _claims.Emulator.Replies.Enqueue(LettaReply.Create()
            .ServerToolCall("core_memory_append", """{"label":"human","content":"Name: Ada. Prefers tea."}""", "None")
            .Text("Noted.").Build());

        await _service.StreamAsync(new AgentChatRequest(first, "I am Ada and I prefer tea.")).ToListAsync();
        await using var stream = await _service.StartAsync(new AgentChatRequest(second, "What do I drink?"));
        await stream.ToListAsync();

        var agent = await _claims.NewClient().GetAgentAsync(stream.AgentId);
        agent!.Blocks.Should().ContainSingle(b => b.Label == "human").Which.Value.Should().Contain("Prefers tea.");
        var histories = await Task.WhenAll(new[] { first, second }.Select(t => _claims.NewClient().ListConversationMessagesAsync(_claims.SharedRegistry.LettaConversations[t.ConversationId], 10)));
        histories[1].OfType<LettaAssistantMessage>().Should().ContainSingle("each thread has its own context window; only the memory is shared");
    }

    [Test]
    public async Task Turn_StrandedApprovalInItsLettaConversation_IsAnsweredAndTheTurnSucceeds()
    {
        var thread = ClaimHarness.NewThread("user_1");
        var target = await _claims.NewScopedService().ResolveTargetAsync(thread);
        var letta = _claims.NewClient();
        _claims.Emulator.Replies.Enqueue(target.LettaConversationId!, LettaReply.Create().ClientToolCall("get_weather", "{\"city\":\"Oslo\"}", "call_stranded").Text("never").Build());
        await letta.StreamConversationMessageAsync(target.LettaConversationId!, LettaMessageRequest.FromUserText("weather?")).ToListAsync(); // the client that would answer died
        _claims.Emulator.Replies.Enqueue(target.LettaConversationId!, LettaReply.FromText("Back to you."));

        var events = await _service.StreamAsync(new AgentChatRequest(thread, "Are you there?")).ToListAsync();

        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Back to you.");
        events.OfType<ErrorEvent>().Should().BeEmpty();
        _claims.Emulator.Requests.Count(r => r.StatusCode == 409).Should().Be(1, "Letta refused the message once, then took the answer and the message together");
    }

    [Test]
    public async Task Turn_LettaConversationDeletedBehindOurBack_ReplacesOnlyItAndContinues()
    {
        var thread = ClaimHarness.NewThread("user_1");
        var lost = await _claims.NewScopedService().ResolveTargetAsync(thread);
        await _claims.NewClient().DeleteConversationAsync(lost.LettaConversationId!);
        _claims.Emulator.Replies.Enqueue(LettaReply.FromText("Fresh thread."));

        await using var stream = await _service.StartAsync(new AgentChatRequest(thread, "Hello?"));
        var events = await stream.ToListAsync();

        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Fresh thread.");
        stream.AgentId.Should().Be(lost.AgentId, "the agent (and its memory) was not lost, so it is kept");
        var replacement = _claims.SharedRegistry.LettaConversations[thread.ConversationId];
        replacement.Should().NotBe(lost.LettaConversationId);
        _claims.Emulator.LiveConversations().Should().ContainSingle().Which.Id.Should().Be(replacement);
        _claims.Emulator.SendsTo(replacement).Should().ContainSingle("the user's message was sent once, to the new conversation");
    }
}
