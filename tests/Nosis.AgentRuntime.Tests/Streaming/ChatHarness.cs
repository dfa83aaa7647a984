using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>A chat service over the Letta emulator on loopback and the in-memory adapters, with one seeded agent.</summary>
internal sealed class ChatHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-chat-test-4e1f9a0b7c-secret";

    private readonly HttpClient _http;

    private ChatHarness(LettaEmulator emulator, HttpClient http, LettaClient letta, string agentId)
    {
        Emulator = emulator;
        _http = http;
        Letta = letta;
        AgentId = agentId;
        Conversation = new ConversationRuntime("c_" + Guid.NewGuid().ToString("N")[..8], "u_1", "office_1", agentId: agentId);
        Scheduler = new InMemoryBackgroundScheduler(Errors);
    }

    public LettaEmulator Emulator { get; }

    public LettaClient Letta { get; }

    public string AgentId { get; }

    public ConversationRuntime Conversation { get; }

    public InMemoryMessageStore Messages { get; } = new();

    public InMemoryToolLoader Tools { get; } = new();

    public InMemoryErrorReporter Errors { get; } = new();

    public InMemoryBackgroundScheduler Scheduler { get; }

    public AgentRuntimeOptions Options { get; } = new() { TurnWaitTimeout = TimeSpan.FromSeconds(5) };

    public static async Task<ChatHarness> StartAsync(Action<LettaEmulatorOptions>? configure = null)
    {
        var options = new LettaEmulatorOptions { ApiKey = ApiKey };
        configure?.Invoke(options);
        var emulator = await LettaEmulator.StartNewAsync(options);
        var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var letta = new LettaClient(http, LettaOptionsFor(emulator.BaseUrl));
        var agentId = emulator.SeedAgent(["nosis-test"]);
        return new ChatHarness(emulator, http, letta, agentId);
    }

    public InMemoryActiveRunStore ActiveRuns { get; } = new();

    public AgentChatService CreateService(ITurnLeaseStore? leases = null, IToolLoader? tools = null) => new(
        new FixedAgent(AgentId), Letta, Messages, tools ?? Tools, Scheduler, Errors,
        Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(LettaOptionsFor(Emulator.BaseUrl)), leases,
        activeRuns: ActiveRuns);

    public AgentChatRequest Request(string text = "Hello") => new(Conversation, text);

    public async Task<AssistantMessage> SavedReplyAsync()
    {
        await Scheduler.WaitForIdleAsync(TimeSpan.FromSeconds(10));
        return Messages.GetAssistantMessages(Conversation.ConversationId).Should().ContainSingle().Subject;
    }

    public async ValueTask DisposeAsync()
    {
        await Scheduler.WaitForIdleAsync(TimeSpan.FromSeconds(10));
        _http.Dispose();
        await Emulator.DisposeAsync();
    }

    private static LettaOptions LettaOptionsFor(Uri baseUrl) => new() { BaseUrl = baseUrl, ApiKey = ApiKey };

    private sealed class FixedAgent(string agentId) : IAgentIdResolver
    {
        public Task<string> ResolveOrCreateAgentIdAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default) =>
            Task.FromResult(conversation.AgentId ?? agentId);
    }
}
