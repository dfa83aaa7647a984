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
        var direct = new Phase("direct: LettaClient <- emulator", (pair, started) => ReadDirectAsync(letta, pair.AgentId, started));
        var hosted = new Phase("hosted: UI stream <- ChatHost <- emulator", (pair, started) => ReadHostedAsync(uiHttp, pair.ConversationId, started));

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

        Report(output, $"as fast as the emulator sends (saturates the CPU), {rounds} measured round(s) after one warm-up round", chats, tokens, results, peaks);

        // Paced like a model: the emulator waits between frames, so the CPU is not the queue and TTFT shows the pipeline's latency.
        emulator.Faults.TrickleDelay = pace;
        results.Clear();
        for (var round = 0; round < pacedRounds; round++)
        {
            results.Add(await RunPhaseAsync(direct, emulator, pairs, words).ConfigureAwait(false));
            results.Add(await RunPhaseAsync(hosted, emulator, pairs, words).ConfigureAwait(false));
        }

        output.WriteLine();
        Report(output, string.Create(CultureInfo.InvariantCulture, $"paced at {pace.TotalMilliseconds:F0} ms between frames (about {1000 / pace.TotalMilliseconds:F0} tokens/s per chat), {pacedRounds} measured round(s)"), chats, tokens, results, peaks: null);
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

    private static async Task<PhaseResult> RunPhaseAsync(Phase phase, LettaEmulator emulator, (string ConversationId, string AgentId)[] pairs, string[] words)
    {
        foreach (var pair in pairs)
        {
            emulator.Replies.Enqueue(pair.AgentId, LettaReply.Create().TextTokens(words).Build());
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        using var sampling = new CancellationTokenSource();
        var sampler = SamplePeakAsync(process, sampling.Token);

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = Stopwatch.GetTimestamp();
        var tasks = pairs.Select(pair => Task.Run(async () =>
        {
            await gate.Task.ConfigureAwait(false);
            return await phase.Read(pair, Stopwatch.GetTimestamp()).ConfigureAwait(false);
        })).ToArray();
        gate.SetResult();
        var chats = await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await sampling.CancelAsync().ConfigureAwait(false);
        var peak = await sampler.ConfigureAwait(false);

        if (chats.Any(c => c.Tokens != words.Length))
        {
            throw new InvalidOperationException($"{phase.Name}: a chat received {chats.Min(c => c.Tokens)} tokens, expected {words.Length}.");
        }

        return new PhaseResult(phase.Name, elapsed, [.. chats.Select(c => c.FirstToken.TotalMilliseconds).Order()], peak - workingSetBefore, workingSetBefore);
    }

    private static async Task<long> SamplePeakAsync(Process process, CancellationToken cancellationToken)
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

    private static async Task<ChatResult> ReadDirectAsync(LettaClient letta, string agentId, long started)
    {
        TimeSpan? first = null;
        var tokens = 0;
        var request = new LettaMessageRequest([LettaInputMessage.User("Tell me a story.")]);
        await foreach (var item in letta.StreamMessageAsync(agentId, request).ConfigureAwait(false))
        {
            if (item is LettaAssistantMessage)
            {
                first ??= Stopwatch.GetElapsedTime(started);
                tokens++;
            }
        }

        return new ChatResult(first ?? TimeSpan.MaxValue, tokens);
    }

    private static async Task<ChatResult> ReadHostedAsync(HttpClient http, string conversationId, long started)
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
                first ??= Stopwatch.GetElapsedTime(started);
                tokens++;
            }
        }

        return new ChatResult(first ?? TimeSpan.MaxValue, tokens);
    }

    private static void Report(TextWriter output, string scenario, int chats, int tokens, List<PhaseResult> results, long[]? peaks)
    {
        output.WriteLine($"## Loopback load: {chats} concurrent streaming chats x {tokens} tokens, {scenario}");
        output.WriteLine();
        output.WriteLine("| Round | Path | Wall time | Tokens/s | Chats/s | TTFT p50 | TTFT p99 | Peak working-set growth | per stream |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {(i / 2) + 1} | {r.Name} | {r.Elapsed.TotalMilliseconds:F0} ms | {chats * tokens / r.Elapsed.TotalSeconds:N0} | {chats / r.Elapsed.TotalSeconds:F1} | {Percentile(r.FirstTokenMs, 0.50):F1} ms | {Percentile(r.FirstTokenMs, 0.99):F1} ms | {r.PeakGrowth / 1048576.0:F1} MiB | {r.PeakGrowth / 1024.0 / chats:F0} KiB |"));
        }

        var direct = results.Where((_, i) => i % 2 == 0).ToList();
        var hosted = results.Where((_, i) => i % 2 == 1).ToList();
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }

        var directP50 = Median(direct.Select(r => Percentile(r.FirstTokenMs, 0.50)));
        var hostedP50 = Median(hosted.Select(r => Percentile(r.FirstTokenMs, 0.50)));
        var directP99 = Median(direct.Select(r => Percentile(r.FirstTokenMs, 0.99)));
        var hostedP99 = Median(hosted.Select(r => Percentile(r.FirstTokenMs, 0.99)));
        var directRate = Median(direct.Select(r => chats * tokens / r.Elapsed.TotalSeconds));
        var hostedRate = Median(hosted.Select(r => chats * tokens / r.Elapsed.TotalSeconds));
        var directGrowth = Median(direct.Select(r => (double)r.PeakGrowth));
        var hostedGrowth = Median(hosted.Select(r => (double)r.PeakGrowth));
        output.WriteLine();
        output.WriteLine("Medians over the measured rounds:");
        output.WriteLine();
        output.WriteLine("| Figure | direct (baseline) | hosted | hosted - direct | hosted / direct |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Throughput, tokens/s | {directRate:N0} | {hostedRate:N0} | {hostedRate - directRate:N0} | {hostedRate / directRate:F2} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Throughput, chats/s | {directRate / tokens:F1} | {hostedRate / tokens:F1} | {(hostedRate - directRate) / tokens:F1} | {hostedRate / directRate:F2} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| TTFT p50 | {directP50:F1} ms | {hostedP50:F1} ms | {hostedP50 - directP50:F1} ms | {hostedP50 / directP50:F2} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| TTFT p99 | {directP99:F1} ms | {hostedP99:F1} ms | {hostedP99 - directP99:F1} ms | {hostedP99 / directP99:F2} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Peak working set growth per stream, in-phase sample | {directGrowth / 1024 / chats:F0} KiB | {hostedGrowth / 1024 / chats:F0} KiB | {(hostedGrowth - directGrowth) / 1024 / chats:F0} KiB | {hostedGrowth / Math.Max(directGrowth, 1):F2} |"));
        if (peaks is null)
        {
            return;
        }

        var directPeak = (double)(peaks[1] - peaks[0]);
        var hostedPeak = (double)(peaks[2] - peaks[0]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Process.PeakWorkingSet64 growth / {chats}, first round | {directPeak / 1024 / chats:F0} KiB | {hostedPeak / 1024 / chats:F0} KiB | {(hostedPeak - directPeak) / 1024 / chats:F0} KiB | {hostedPeak / Math.Max(directPeak, 1):F2} |"));
        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Process.PeakWorkingSet64: {peaks[0] / 1048576.0:F0} MiB idle (emulator and host started), {peaks[1] / 1048576.0:F0} MiB after the first direct round, {peaks[2] / 1048576.0:F0} MiB after the first hosted round."));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed record Phase(string Name, Func<(string ConversationId, string AgentId), long, Task<ChatResult>> Read);

    private sealed record ChatResult(TimeSpan FirstToken, int Tokens);

    private sealed record PhaseResult(string Name, TimeSpan Elapsed, double[] FirstTokenMs, long PeakGrowth, long WorkingSetBefore);
}
