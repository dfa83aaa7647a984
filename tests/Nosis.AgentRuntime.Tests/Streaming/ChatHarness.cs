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

    private ChatHarness(LettaEmulator emulator, HttpClient http, LettaClient letta, string agentId, string? lettaConversationId)
    {
        Emulator = emulator;
        _http = http;
        Letta = letta;
        AgentId = agentId;
        LettaConversationId = lettaConversationId;
        Conversation = lettaConversationId is null
            ? new ConversationRuntime("c_" + Guid.NewGuid().ToString("N")[..8], "u_1", "office_1", agentId: agentId)
            : new ConversationRuntime("c_" + Guid.NewGuid().ToString("N")[..8], "u_1", "office_1") { AgentScope = AgentScope.User };
        Resolver = new FixedAgent(agentId, lettaConversationId);
        Scheduler = new InMemoryBackgroundScheduler(Errors);
    }

    public LettaEmulator Emulator { get; }

    public LettaClient Letta { get; }

    public string AgentId { get; }

    /// <summary>Gets the Letta conversation the turns run in (scope User), or null when the conversation has the agent to itself.</summary>
    public string? LettaConversationId { get; }

    /// <summary>Gets what the emulator keys sends by: the Letta conversation, or the agent.</summary>
    public string TargetId => LettaConversationId ?? AgentId;

    /// <summary>Gets the emulator endpoint the turns stream through.</summary>
    public LettaEmulatorEndpoint StreamEndpoint => Route switch
    {
        LettaStreamRoute.MessagesStream when LettaConversationId is null => LettaEmulatorEndpoint.StreamMessage,
        _ => LettaEmulatorEndpoint.SendConversationMessage,
    };

    /// <summary>Gets the route an agent's own sends take (the <c>default</c> conversation unless a test picks the deprecated agent route).</summary>
    public LettaStreamRoute Route { get; private init; } = LettaStreamRoute.Conversations;

    /// <summary>Gets the resolver that answers the harness's agent (and Letta conversation).</summary>
    public IAgentIdResolver Resolver { get; }

    public ConversationRuntime Conversation { get; }

    public InMemoryMessageStore Messages { get; } = new();

    public InMemoryToolLoader Tools { get; } = new();

    public InMemoryErrorReporter Errors { get; } = new();

    public InMemoryBackgroundScheduler Scheduler { get; }

    public AgentRuntimeOptions Options { get; } = new() { TurnWaitTimeout = TimeSpan.FromSeconds(5) };

    /// <summary>Starts a harness; in a shared <paramref name="scope"/> the turns run in a Letta conversation of the seeded agent.</summary>
    public static async Task<ChatHarness> StartAsync(
        Action<LettaEmulatorOptions>? configure = null, AgentScope scope = AgentScope.Conversation, LettaStreamRoute route = LettaStreamRoute.Conversations)
    {
        var options = new LettaEmulatorOptions { ApiKey = ApiKey };
        configure?.Invoke(options);
        var emulator = await LettaEmulator.StartNewAsync(options);
        var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var letta = new LettaClient(http, LettaOptionsFor(emulator.BaseUrl, route));
        var agentId = emulator.SeedAgent(["nosis-test"]);
        var lettaConversationId = scope == AgentScope.Conversation ? null : (await letta.CreateConversationAsync(agentId, new LettaCreateConversationRequest())).Id;
        return new ChatHarness(emulator, http, letta, agentId, lettaConversationId) { Route = route };
    }

    public InMemoryActiveRunStore ActiveRuns { get; } = new();

    public AgentChatService CreateService(ITurnLeaseStore? leases = null, IToolLoader? tools = null) => new(
        Resolver, Letta, Messages, tools ?? Tools, Scheduler, Errors,
        Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(LettaOptionsFor(Emulator.BaseUrl, Route)), leases,
        activeRuns: ActiveRuns);

    /// <summary>Gets the path the turns send to: the conversation's (the agent's own is <c>default</c>) <c>/messages</c>, or the deprecated agent route.</summary>
    public string SendPath => StreamEndpoint == LettaEmulatorEndpoint.StreamMessage
        ? $"/v1/agents/{AgentId}/messages/stream"
        : $"/v1/conversations/{LettaConversationId ?? "default"}/messages";

    /// <summary>Gets the path a lost run is found through: the conversation's <c>/stream</c>.</summary>
    public string ConversationStreamPath => $"/v1/conversations/{LettaConversationId ?? "default"}/stream";

    /// <summary>Sends straight to Letta, past the runtime: to the agent, or through the harness's Letta conversation.</summary>
    public IAsyncEnumerable<LettaStreamItem> StreamDirectAsync(LettaMessageRequest request) =>
        LettaConversationId is null ? Letta.StreamMessageAsync(AgentId, request) : Letta.StreamConversationMessageAsync(LettaConversationId, request);

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

    private static LettaOptions LettaOptionsFor(Uri baseUrl, LettaStreamRoute route) => new() { BaseUrl = baseUrl, ApiKey = ApiKey, StreamRoute = route };

    private sealed class FixedAgent(string agentId, string? lettaConversationId) : IAgentIdResolver
    {
        public Task<string> ResolveOrCreateAgentIdAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default) =>
            Task.FromResult(conversation.AgentId ?? agentId);

        public Task<LettaTarget> ResolveTargetAsync(ConversationRuntime conversation, CancellationToken cancellationToken = default) =>
            Task.FromResult(new LettaTarget(conversation.AgentId ?? agentId, lettaConversationId));
    }
}
