using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>
/// A Letta server for tests: a real Kestrel server on loopback that speaks the agents and messages subset of the Letta REST API
/// (ids, timestamps, snake_case JSON, SSE with token deltas, pings, usage, stop reasons, client-tool pauses, 401, 404, 422),
/// with scripted replies (<see cref="Replies"/>), fault injection (<see cref="Faults"/>) and records for assertions.
/// </summary>
/// <remarks>Thread-safe. The API key is never logged, recorded or echoed.</remarks>
public sealed partial class LettaEmulator : IAsyncDisposable
{
    private readonly LettaEmulatorOptions _options;
    private readonly ConcurrentDictionary<string, StoredAgent> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<EmulatedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<EmulatedSend>> _sends = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _clockOrigin = DateTimeOffset.UtcNow;
    private readonly long _clockOriginTimestamp = Stopwatch.GetTimestamp();
    private WebApplication? _app;
    private long _sequence;
    private int _createCalls;
    private int _agentsCreated;
    private int _deleteCalls;
    private int _agentsDeleted;
    private int _streamsAborted;

    /// <summary>Initializes an emulator that is not started yet.</summary>
    /// <param name="options">How it listens and behaves; the defaults when <see langword="null"/>.</param>
    public LettaEmulator(LettaEmulatorOptions? options = null)
    {
        _options = options ?? new LettaEmulatorOptions();
    }

    /// <summary>Gets the address the emulator listens on, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    /// <exception cref="InvalidOperationException">The emulator is not started.</exception>
    public Uri BaseUrl
    {
        get => field ?? throw new InvalidOperationException("The Letta emulator is not started.");
        private set;
    }

    /// <summary>Gets the scripted replies.</summary>
    public LettaReplyQueue Replies { get; } = new();

    /// <summary>Gets the fault injection switches.</summary>
    public LettaEmulatorFaults Faults { get; } = new();

    /// <summary>Gets how many create calls reached the emulator, failed ones included.</summary>
    public int CreateCalls => Volatile.Read(ref _createCalls);

    /// <summary>Gets how many agents the emulator created.</summary>
    public int AgentsCreated => Volatile.Read(ref _agentsCreated);

    /// <summary>Gets how many delete calls reached the emulator, failed ones included.</summary>
    public int DeleteCalls => Volatile.Read(ref _deleteCalls);

    /// <summary>Gets how many agents the emulator deleted.</summary>
    public int AgentsDeleted => Volatile.Read(ref _agentsDeleted);

    /// <summary>Gets how many streams ended because the client went away.</summary>
    public int StreamsAborted => Volatile.Read(ref _streamsAborted);

    /// <summary>Gets the requests received so far, in order of completion.</summary>
    public IReadOnlyList<EmulatedRequest> Requests => [.. _requests];

    /// <summary>Starts a new emulator with <paramref name="options"/>.</summary>
    /// <param name="options">How it listens and behaves.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started emulator.</returns>
    public static async Task<LettaEmulator> StartNewAsync(LettaEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new LettaEmulator(options);
        await emulator.StartAsync(cancellationToken).ConfigureAwait(false);
        return emulator;
    }

    /// <summary>Starts listening: on the configured URLs, or on 127.0.0.1 at a free port.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes once the server accepts connections.</returns>
    /// <exception cref="InvalidOperationException">The emulator is already started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_app is not null)
        {
            throw new InvalidOperationException("The Letta emulator is already started.");
        }

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(LettaEmulator).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        if (_options.Urls.Count == 0)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseUrls([.. _options.Urls]);
        }

        var app = builder.Build();
        app.Run(HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A port already in use, say: the half-built server must not linger.
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>Gets the agents the emulator holds now.</summary>
    /// <returns>A snapshot, oldest first.</returns>
    public IReadOnlyList<EmulatedAgent> LiveAgents() =>
        [.. _agents.Values.OrderBy(a => a.Sequence).Select(a => a.Snapshot())];

    /// <summary>Gets the agents the emulator holds now that carry <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>A snapshot, oldest first.</returns>
    public IReadOnlyList<EmulatedAgent> LiveAgentsTagged(string tag) =>
        [.. _agents.Values.Where(a => a.Tags.Contains(tag, StringComparer.Ordinal)).OrderBy(a => a.Sequence).Select(a => a.Snapshot())];

    /// <summary>Gets every send the emulator finished for <paramref name="agentId"/>, with start and end times.</summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>The sends, in order of completion.</returns>
    public IReadOnlyList<EmulatedSend> SendsTo(string agentId) =>
        _sends.TryGetValue(agentId, out var sends) ? [.. sends] : [];

    /// <summary>Gets the most sends to <paramref name="agentId"/> that were ever in progress at once.</summary>
    /// <param name="agentId">The agent.</param>
    /// <returns>1 when sends never overlapped; 0 when there were none.</returns>
    public int MaxConcurrentSends(string agentId) =>
        _agents.TryGetValue(agentId, out var agent) ? Volatile.Read(ref agent.MaxConcurrentSends) : SendsTo(agentId).Count > 0 ? 1 : 0;

    /// <summary>Adds an agent directly, as if created earlier (e.g. left behind by a crash).</summary>
    /// <param name="tags">Its tags.</param>
    /// <param name="createdAt">When it was created; now when <see langword="null"/>.</param>
    /// <param name="name">Its name.</param>
    /// <returns>The agent's id.</returns>
    public string SeedAgent(IEnumerable<string> tags, DateTimeOffset? createdAt = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var agent = NewAgent(name ?? "seeded-agent", [.. tags], [], [], createdAt ?? _options.TimeProvider.GetUtcNow(), []);
        _agents[agent.Id] = agent;
        return agent.Id;
    }

    /// <summary>Stops the server and releases it.</summary>
    /// <returns>A task that completes once the server stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_app is { } app)
        {
            _app = null;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await app.StopAsync(stop.Token).ConfigureAwait(false);
            }
            finally
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private DateTimeOffset MonotonicNow() => _clockOrigin + Stopwatch.GetElapsedTime(_clockOriginTimestamp);
}
