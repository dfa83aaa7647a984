using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// The working set of a worker host per open stream: the host (<see cref="LoadHostProcess"/>: Kestrel, <see cref="Streaming.AgentChatService"/>,
/// the Letta client) runs alone in a child process, while the emulator and the UI clients stay here, so the child's memory is the host's.
/// </summary>
public static class WorkerProcessLoad
{
    public static async Task RunAsync(LettaEmulator emulator, string[] agentIds, string[] words, TimeSpan pace, int warmUps, int rounds, TextWriter output)
    {
        using var child = StartChild(emulator.BaseUrl);
        try
        {
            var baseUrl = await ReadBaseUrlAsync(child).ConfigureAwait(false);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue }) { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(5) };
            // Warm-up rounds, paced like the measured ones: the JIT, the thread pool, Kestrel's pool, the connections, and the pages
            // the GC touches for the first time (the first two rounds grow the idle process by about 15 MiB, later ones by under 1).
            emulator.Faults.TrickleDelay = pace;
            for (var round = 0; round < warmUps; round++)
            {
                await RunRoundAsync(child, http, emulator, agentIds, words, probeAt: null).ConfigureAwait(false);
            }
            var results = new List<WorkerRound>();
            for (var round = 0; round < rounds; round++)
            {
                results.Add(await RunRoundAsync(child, http, emulator, agentIds, words, probeAt: pace * words.Length / 2).ConfigureAwait(false));
            }

            Report(output, agentIds.Length, results);
        }
        finally
        {
            child.StandardInput.Close();
            if (!child.WaitForExit(10_000))
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    private static Process StartChild(Uri lettaUrl)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(WorkerProcessLoad).Assembly.Location, "--load-host", lettaUrl.ToString()])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("The worker host process did not start.");
    }

    private static async Task<Uri> ReadBaseUrlAsync(Process child)
    {
        while (await child.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("http", StringComparison.Ordinal))
            {
                return new Uri(line);
            }
        }

        throw new InvalidOperationException("The worker host process ended before printing its address.");
    }

    private static async Task<WorkerRound> RunRoundAsync(Process child, HttpClient http, LettaEmulator emulator, string[] agentIds, string[] words, TimeSpan? probeAt)
    {
        foreach (var agentId in agentIds)
        {
            emulator.Replies.Enqueue(agentId, LettaReply.Create().TextTokens(words).Build());
        }

        var idle = await MemoryOfAsync(http).ConfigureAwait(false);
        using var sampling = new CancellationTokenSource();
        var peak = LoopbackLoad.SamplePeakAsync(child, sampling.Token);
        var census = new StreamCensus();
        var started = Stopwatch.GetTimestamp();
        var chats = agentIds.Select(agentId => Task.Run(() => LoopbackLoad.ReadHostedAsync(http, agentId, Stopwatch.GetTimestamp(), census))).ToArray();
        HeldMemory? held = null;
        var openAtProbe = 0;
        if (probeAt is { } at)
        {
            await Task.Delay(at - Stopwatch.GetElapsedTime(started)).ConfigureAwait(false);
            openAtProbe = census.Started - census.Ended;
            held = await MemoryOfAsync(http).ConfigureAwait(false);
        }

        var results = await Task.WhenAll(chats).ConfigureAwait(false);
        await sampling.CancelAsync().ConfigureAwait(false);
        if (results.Any(r => r.Tokens != words.Length))
        {
            throw new InvalidOperationException($"worker host: a chat received {results.Min(r => r.Tokens)} tokens, expected {words.Length}.");
        }

        return new WorkerRound(idle, await peak.ConfigureAwait(false), held, openAtProbe);
    }

    private static async Task<HeldMemory> MemoryOfAsync(HttpClient http)
    {
        var memory = await http.GetFromJsonAsync<MemoryAnswer>("/memory").ConfigureAwait(false)
            ?? throw new InvalidOperationException("The worker host answered no memory figures.");
        return new HeldMemory(memory.working_set, memory.live_heap);
    }

    private static void Report(TextWriter output, int chats, List<WorkerRound> rounds)
    {
        output.WriteLine();
        output.WriteLine($"## Worker host in its own process: {chats} paced chats, the emulator and the UI clients in the benchmark process, {rounds.Count} measured rounds after the warm-up");
        output.WriteLine();
        output.WriteLine("| Round | Idle working set | Idle live heap | Peak working-set growth / stream | Working set held / open stream (after a full collection, halfway) | Live heap / open stream (same) | Streams open at the probe |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < rounds.Count; i++)
        {
            var r = rounds[i];
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {i + 1} | {r.Idle.WorkingSet / 1048576.0:F1} MiB | {r.Idle.LiveHeap / 1048576.0:F1} MiB | {(r.Peak - r.Idle.WorkingSet) / 1024.0 / chats:F1} KiB | {(r.Held?.WorkingSet - r.Idle.WorkingSet) / 1024.0 / chats:F1} KiB | {(r.Held?.LiveHeap - r.Idle.LiveHeap) / 1024.0 / chats:F1} KiB | {r.OpenAtProbe} |"));
        }

        var held = rounds.Where(r => r.Held is not null).ToList();
        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Medians per open stream: peak working-set growth {MedianPerStream(rounds.Select(r => r.Peak - r.Idle.WorkingSet), chats):F1} KiB, working set held {MedianPerStream(held.Select(r => r.Held!.Value.WorkingSet - r.Idle.WorkingSet), chats):F1} KiB, live heap {MedianPerStream(held.Select(r => r.Held!.Value.LiveHeap - r.Idle.LiveHeap), chats):F1} KiB (target: working set <= 24 KiB)."));
    }

    /// <summary>The median over the rounds of a per-stream figure, in KiB.</summary>
    private static double MedianPerStream(IEnumerable<long> values, int chats) => Medians.Of(values.Select(v => (double)v)) / 1024.0 / chats;

    private sealed record WorkerRound(HeldMemory Idle, long Peak, HeldMemory? Held, int OpenAtProbe);

    private sealed record MemoryAnswer(long working_set, long live_heap);
}
