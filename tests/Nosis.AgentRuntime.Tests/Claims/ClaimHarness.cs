using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Conversations;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Testing;
using Nosis.AgentRuntime.Testing.InMemory;
using Nosis.AgentRuntime.Tests.Fakes;

namespace Nosis.AgentRuntime.Tests.Claims;

/// <summary>The emulator, a compare-and-set registry, a drainable scheduler, a reporter and collected logs, for one test.</summary>
internal sealed class ClaimHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-claim-test-7a6b5c4d3e2f1a0b-secret";

    private readonly List<HttpClient> _clients = [];

    private ClaimHarness(LettaEmulator emulator)
    {
        Emulator = emulator;
    }

    public LettaEmulator Emulator { get; }

    public CasAgentIdRegistry Registry { get; } = new();

    public DrainableScheduler Scheduler { get; } = new();

    public RecordingReporter Reporter { get; } = new();

    public FakeLogCollector Logs { get; } = new();

    public AgentRuntimeTelemetry Telemetry { get; } = new();

    public LettaOptions LettaOptions { get; private set; } = null!;

    public AgentRuntimeOptions RuntimeOptions { get; } = new() { OrphanGracePeriod = TimeSpan.FromMinutes(10) };

    public static async Task<ClaimHarness> StartAsync(Action<LettaOptions>? configure = null)
    {
        var harness = new ClaimHarness(await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { ApiKey = ApiKey }));
        harness.LettaOptions = new LettaOptions
        {
            BaseUrl = harness.Emulator.BaseUrl,
            ApiKey = ApiKey,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(5),
        };
        configure?.Invoke(harness.LettaOptions);
        return harness;
    }

    public LettaClient NewClient()
    {
        var http = new HttpClient();
        _clients.Add(http);
        return new LettaClient(http, LettaOptions, new FakeLogger<LettaClient>(Logs));
    }

    /// <summary>A claim service with its own single-flight state, as a separate process would have.</summary>
    public AgentClaimService NewService(IAgentIdRegistry? registry = null) => new(
        NewClient(),
        registry ?? Registry,
        Scheduler,
        Reporter,
        Options.Create(LettaOptions),
        Options.Create(RuntimeOptions),
        Telemetry,
        TimeProvider.System,
        new FakeLogger<AgentClaimService>(Logs));

    public OrphanAgentSweeper NewSweeper() => new(
        NewClient(),
        Registry,
        Reporter,
        Options.Create(LettaOptions),
        Options.Create(RuntimeOptions),
        Telemetry,
        TimeProvider.System,
        new FakeLogger<OrphanAgentSweeper>(Logs));

    public InMemorySharedAgentRegistry SharedRegistry { get; } = new();

    /// <summary>A scoped claim service with its own single-flight state (and its own inner agent claim), as a separate process would have.</summary>
    public ScopedAgentClaimService NewScopedService(ISharedAgentRegistry? registry = null, IBackgroundScheduler? scheduler = null) => new(
        NewService(),
        NewClient(),
        registry ?? SharedRegistry,
        scheduler ?? Scheduler,
        Reporter,
        Options.Create(LettaOptions),
        Options.Create(RuntimeOptions),
        Telemetry,
        TimeProvider.System,
        new FakeLogger<ScopedAgentClaimService>(Logs));

    /// <summary>A shared-scope sweeper whose clock runs <paramref name="ahead"/> of the emulator's, so what was just created looks that old.</summary>
    public SharedScopeSweeper NewSharedSweeper(TimeSpan ahead = default) => new(
        NewClient(),
        SharedRegistry,
        Reporter,
        Options.Create(LettaOptions),
        Options.Create(RuntimeOptions),
        Telemetry,
        new ManualTimeProvider(DateTimeOffset.UtcNow + ahead),
        new FakeLogger<SharedScopeSweeper>(Logs));

    /// <summary>A thread of <paramref name="userId"/> in office_1 in scope <paramref name="scope"/>.</summary>
    public static ConversationRuntime NewThread(string userId, AgentScope scope = AgentScope.User, string officeId = "office_1") =>
        new("thread-" + Guid.NewGuid().ToString("N"), userId, officeId) { AgentScope = scope };

    public ConversationRuntime NewConversation() => new(Registry.AddConversation(), "user_1", "office_1");

    public IReadOnlyList<EmulatedAgent> AgentsOf(string conversationId) => Emulator.LiveAgentsTagged(AgentTags.ForConversation(conversationId));

    /// <summary>Every text a secret could leak into: log lines (with exceptions) and reports.</summary>
    public IEnumerable<string> Transcript() =>
        Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception)
            .Concat(Reporter.Reports.Select(r => $"{r.Operation} {r.Message} {r.Context} {r.ErrorType}"));

    public async ValueTask DisposeAsync()
    {
        await Scheduler.DrainAsync();
        _clients.ForEach(c => c.Dispose());
        Telemetry.Dispose();
        await Emulator.DisposeAsync();
    }
}
