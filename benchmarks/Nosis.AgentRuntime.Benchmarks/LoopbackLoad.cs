using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.Options;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Letta;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// Many concurrent streaming chats over loopback: the same replies read straight from the emulator with <see cref="LettaClient"/>
/// (the baseline), then through <see cref="ChatHost"/> (Kestrel + <see cref="AgentChatService"/> + UI message stream encoder).
/// Everything runs in this one process: emulator, host and clients.
/// </summary>
public static class LoopbackLoad
{
    public static async Task RunAsync(int chats, int tokens, int rounds, int pacedRounds, TimeSpan pace, TextWriter output)
    {
        await using var emulator = await LettaEmulator.StartNewAsync().ConfigureAwait(false);
        var lettaOptions = new LettaOptions { BaseUrl = emulator.BaseUrl };
        using var lettaHttp = new HttpClient(NewHandler()) { BaseAddress = emulator.BaseUrl };
        var letta = new LettaClient(lettaHttp, lettaOptions);
        await using var adapter = new InMemoryAgentRuntimeAdapter();
        var claims = new AgentClaimService(
            letta, adapter.Registry, adapter.Scheduler, adapter.Errors, Options.Create(lettaOptions),
            Options.Create(new AgentRuntimeOptions { AgentModel = "openai/gpt-4.1" }), new AgentRuntimeTelemetry());
        var chat = new AgentChatService(
            claims, letta, adapter.Messages, adapter.Tools, adapter.Scheduler, adapter.Errors,
            Options.Create(new AgentRuntimeOptions { AgentModel = "openai/gpt-4.1", StreamBufferCapacity = 64 }), Options.Create(lettaOptions));
        await using var host = await ChatHost.StartAsync(chat).ConfigureAwait(false);
        using var uiHttp = new HttpClient(NewHandler()) { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };

        // Each chat has its own conversation and agent; the registry already holds the agent (the claim's hot path).
        var pairs = new (string ConversationId, string AgentId)[chats];
        for (var i = 0; i < chats; i++)
        {
            var agentId = emulator.SeedAgent(["nosis-load"]);
            var conversationId = adapter.Registry.AddConversation();
            await adapter.Registry.TryClaimAgentIdAsync(conversationId, agentId).ConfigureAwait(false);
            pairs[i] = (conversationId, agentId);
        }

        var words = Enumerable.Range(0, tokens).Select(i => $"w{i % 97} ").ToArray();
        var direct = new Phase("direct: LettaClient <- emulator", (pair, started, census) => ReadDirectAsync(letta, pair.AgentId, started, census));
        var hosted = new Phase("hosted: UI stream <- ChatHost <- emulator", (pair, started, census) => ReadHostedAsync(uiHttp, pair.ConversationId, started, census));

        // Warm-up: JIT, thread pool growth and pooled connections for both paths. Process.PeakWorkingSet64 only grows, so
        // its growth over the idle process is read after the direct round (baseline) and again after the hosted round.
        var peaks = new long[3];
        peaks[0] = PeakWorkingSet();
        await RunPhaseAsync(direct, emulator, pairs, words).ConfigureAwait(false);
        peaks[1] = PeakWorkingSet();
        await RunPhaseAsync(hosted, emulator, pairs, words).ConfigureAwait(false);
        peaks[2] = PeakWorkingSet();

        var results = new List<PhaseResult>();
        for (var round = 0; round < rounds; round++)
        {
            results.Add(await RunPhaseAsync(direct, emulator, pairs, words).ConfigureAwait(false));
            results.Add(await RunPhaseAsync(hosted, emulator, pairs, words).ConfigureAwait(false));
        }

        LoopbackReport.Write(output, $"as fast as the emulator sends (saturates the CPU), {rounds} measured round(s) after one warm-up round", chats, tokens, results, peaks);

        // Paced like a model: the emulator waits between frames, so the CPU is not the queue and TTFT shows the pipeline's latency.
        emulator.Faults.TrickleDelay = pace;
        results.Clear();
        var halfway = pace * tokens / 2; // the held-memory probe: every stream open, its reply half written
        for (var round = 0; round < pacedRounds; round++)
        {
            results.Add(await RunPhaseAsync(direct, emulator, pairs, words, halfway).ConfigureAwait(false));
            results.Add(await RunPhaseAsync(hosted, emulator, pairs, words, halfway).ConfigureAwait(false));
        }

        output.WriteLine();
        LoopbackReport.Write(output, string.Create(CultureInfo.InvariantCulture, $"paced at {pace.TotalMilliseconds:F0} ms between frames (about {1000 / pace.TotalMilliseconds:F0} tokens/s per chat), {pacedRounds} measured round(s)"), chats, tokens, results, peaks: null);
        await WorkerProcessLoad.RunAsync(emulator, [.. pairs.Select(p => p.AgentId)], words, pace, warmUps: 4, rounds: 3, output).ConfigureAwait(false);
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }

    private static SocketsHttpHandler NewHandler() => new()
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    };

    private static async Task<PhaseResult> RunPhaseAsync(Phase phase, LettaEmulator emulator, (string ConversationId, string AgentId)[] pairs, string[] words, TimeSpan? probeAt = null)
    {
        foreach (var pair in pairs)
        {
            emulator.Replies.Enqueue(pair.AgentId, LettaReply.Create().TextTokens(words).Build());
        }

        var idle = HeldMemory.Measure();
        using var process = Process.GetCurrentProcess();
        var workingSetBefore = idle.WorkingSet;
        var census = new StreamCensus();
        using var sampling = new CancellationTokenSource();
        var sampler = SamplePeakAsync(process, sampling.Token);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.GetTimestamp();
        var tasks = pairs.Select(pair => Task.Run(async () =>
        {
            await gate.Task.ConfigureAwait(false);
            return await phase.Read(pair, Stopwatch.GetTimestamp(), census).ConfigureAwait(false);
        })).ToArray();
        gate.SetResult();
        var held = probeAt is { } at ? await HeldMemory.MeasureWhileOpenAsync(census, pairs.Length, idle, started + (long)(at.TotalSeconds * Stopwatch.Frequency)).ConfigureAwait(false) : null;
        var chats = await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await sampling.CancelAsync().ConfigureAwait(false);
        var peak = await sampler.ConfigureAwait(false);

        if (chats.Any(c => c.Tokens != words.Length))
        {
            throw new InvalidOperationException($"{phase.Name}: a chat received {chats.Min(c => c.Tokens)} tokens, expected {words.Length}.");
        }

        return new PhaseResult(phase.Name, elapsed, [.. chats.Select(c => c.FirstToken.TotalMilliseconds).Order()], peak - workingSetBefore, held);
    }

    /// <summary>Samples <paramref name="process"/>'s working set every 10 ms until cancelled and returns the highest.</summary>
    internal static async Task<long> SamplePeakAsync(Process process, CancellationToken cancellationToken)
    {
        long peak = 0;
        while (true)
        {
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            try
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Refresh();
                return Math.Max(peak, process.WorkingSet64);
            }
        }
    }

    private static async Task<ChatResult> ReadDirectAsync(LettaClient letta, string agentId, long started, StreamCensus census)
    {
        TimeSpan? first = null;
        var tokens = 0;
        var request = new LettaMessageRequest([LettaInputMessage.User("Tell me a story.")]);
        await foreach (var item in letta.StreamMessageAsync(agentId, request).ConfigureAwait(false))
        {
            if (item is LettaAssistantMessage)
            {
                first ??= census.FirstToken(Stopwatch.GetElapsedTime(started));
                tokens++;
            }
        }

        census.EndedOne();
        return new ChatResult(first ?? TimeSpan.MaxValue, tokens);
    }

    internal static async Task<ChatResult> ReadHostedAsync(HttpClient http, string conversationId, long started, StreamCensus census)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/chat/{conversationId}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        TimeSpan? first = null;
        var tokens = 0;
        var parser = SseParser.Create(body, static (_, data) => data.IndexOf("\"type\":\"text-delta\""u8) >= 0);
        await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
        {
            if (item.Data)
            {
                first ??= census.FirstToken(Stopwatch.GetElapsedTime(started));
                tokens++;
            }
        }

        census.EndedOne();
        return new ChatResult(first ?? TimeSpan.MaxValue, tokens);
    }

    private sealed record Phase(string Name, Func<(string ConversationId, string AgentId), long, StreamCensus, Task<ChatResult>> Read);

    internal sealed record ChatResult(TimeSpan FirstToken, int Tokens);
}
