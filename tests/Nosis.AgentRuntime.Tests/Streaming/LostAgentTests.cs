using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>An agent deleted on Letta's side is replaced, once and only on a confirmed 404; the turn continues on the new agent.</summary>
public sealed class LostAgentTests
{
    private LettaEmulator _emulator = null!;
    private HttpClient _http = null!;
    private InMemoryAgentIdRegistry _registry = null!;
    private InMemoryBackgroundScheduler _scheduler = null!;
    private InMemoryErrorReporter _errors = null!;
    private string _conversationId = null!;
    private string _lostAgentId = null!;

    [SetUp]
    public async Task SetUp()
    {
        _emulator = await LettaEmulator.StartNewAsync();
        _http = new HttpClient { BaseAddress = _emulator.BaseUrl };
        _registry = new InMemoryAgentIdRegistry();
        _errors = new InMemoryErrorReporter();
        _scheduler = new InMemoryBackgroundScheduler(_errors);
        _conversationId = _registry.AddConversation();
        _lostAgentId = _emulator.SeedAgent([AgentTags.ForConversation(_conversationId)]);
        await _registry.TryClaimAgentIdAsync(_conversationId, _lostAgentId);
        (await new LettaClient(_http, Options()).DeleteAgentAsync(_lostAgentId)).Should().BeTrue("deleted behind the runtime's back");
    }

    [TearDown]
    public async Task TearDown()
    {
        await _scheduler.WaitForIdleAsync(TimeSpan.FromSeconds(10));
        await _scheduler.DisposeAsync();
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Test]
    public async Task Turn_AgentDeletedBehindOurBack_ReplacesItOnceAndContinuesOnTheNewAgent()
    {
        var service = Service(Options());
        _emulator.Replies.Enqueue(LettaReply.FromText("Fresh start."));

        await using var stream = await service.StartAsync(Request("Hello?"));
        var events = await stream.ToListAsync();

        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Fresh start.");
        events.OfType<ErrorEvent>().Should().BeEmpty();
        var replacement = await _registry.ReadClaimedAgentIdAsync(_conversationId);
        replacement.Should().NotBe(_lostAgentId).And.StartWith("agent-");
        stream.AgentId.Should().Be(replacement, "the turn continued on the new agent");
        _emulator.LiveAgentsTagged(AgentTags.ForConversation(_conversationId)).Select(a => a.Id).Should().Equal([replacement]);
        _emulator.SendsTo(replacement!).Should().ContainSingle("the user's message was sent once, to the new agent");

        _emulator.Replies.Enqueue(LettaReply.FromText("Still me."));
        await service.StreamAsync(Request("Again?")).ToListAsync();
        _emulator.AgentsCreated.Should().Be(1, "the next turn uses the replacement");
        (await _registry.ReadClaimedAgentIdAsync(_conversationId)).Should().Be(replacement);
    }

    [Test]
    public async Task Turn_StreamAnswers503_NeverReplacesTheAgent()
    {
        _emulator.Faults.FailNext(LettaEmulatorEndpoint.SendConversationMessage, 503);

        var events = await Service(Options()).StreamAsync(Request("Hello?")).ToListAsync();

        events.OfType<ErrorEvent>().Should().ContainSingle().Which.ErrorType.Should().Be("letta_http_503");
        AssertNotReplaced();
    }

    [Test]
    public async Task Turn_AgentReadAnswers5xxAfterA404_NeverReplacesTheAgent()
    {
        _emulator.Faults.FailNext(LettaEmulatorEndpoint.GetAgent, 500);

        var events = await Service(Options()).StreamAsync(Request("Hello?")).ToListAsync();

        events.OfType<ErrorEvent>().Should().ContainSingle().Which.ErrorType.Should().Be("letta_http_404");
        AssertNotReplaced();
    }

    [Test]
    public async Task Turn_AgentReadTimesOutAfterA404_NeverReplacesTheAgent()
    {
        _emulator.Faults.SetLatency(LettaEmulatorEndpoint.GetAgent, TimeSpan.FromSeconds(5));

        var events = await Service(Options(requestTimeout: TimeSpan.FromMilliseconds(300))).StreamAsync(Request("Hello?")).ToListAsync();

        events.OfType<ErrorEvent>().Should().ContainSingle().Which.ErrorType.Should().Be("letta_http_404");
        AssertNotReplaced();
    }

    private void AssertNotReplaced()
    {
        _emulator.AgentsCreated.Should().Be(0, "only a confirmed 404 creates an agent");
        _registry.ReadClaimedAgentIdAsync(_conversationId).Result.Should().Be(_lostAgentId);
    }

    private AgentChatRequest Request(string text) => new(new ConversationRuntime(_conversationId, "u_1", "office_1"), text);

    private LettaOptions Options(TimeSpan? requestTimeout = null) =>
        new() { BaseUrl = _emulator.BaseUrl, MaxRetries = 0, RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10) };

    private AgentChatService Service(LettaOptions lettaOptions)
    {
        var letta = new LettaClient(_http, lettaOptions);
        var runtime = Microsoft.Extensions.Options.Options.Create(new AgentRuntimeOptions { TurnWaitTimeout = TimeSpan.FromSeconds(5) });
        var claims = new AgentClaimService(letta, _registry, _scheduler, _errors, Microsoft.Extensions.Options.Options.Create(lettaOptions), runtime, new AgentRuntimeTelemetry());
        return new AgentChatService(claims, letta, new InMemoryMessageStore(), new InMemoryToolLoader(), _scheduler, _errors, runtime, Microsoft.Extensions.Options.Options.Create(lettaOptions));
    }
}
