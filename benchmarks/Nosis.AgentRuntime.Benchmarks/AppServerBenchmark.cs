using System.Diagnostics;
using System.Globalization;
using Nosis.AgentRuntime.Emulator.AppServer;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// <c>--appserver</c>: a turn on Letta's real App Server (letta-code, started here with a scripted model in a child process) through
/// the runtime (<see cref="AppServerRuntimePath"/>), next to the same turn by a direct WebSocket client
/// (<see cref="DirectAppServerClient"/>), and by that client with the runtime's <c>runtime_start</c> round trip first, to attribute it.
/// The backend path (<see cref="AppServerRuntimePath.RunBackendTurnAsync"/>) is the runtime's App Server client without the turn pipeline.
/// Every measured turn is the first turn of a fresh agent made alike for each path, in the agent's own conversation; each round runs
/// the paths once in a rotating order, with a settle pause after each turn. All clients reach the App Server through the
/// <see cref="WireRelay"/> (in the model's process), which splits each turn's first text delta into the client's and the server's part.
/// </summary>
public static class AppServerBenchmark
{
    public const string Runtime = "runtime";
    public const string Backend = "backend";
    public const string Direct = "direct";
    public const string DirectWithStart = "direct+start";

    /// <summary>The paths, each run once per round.</summary>
    public static readonly IReadOnlyList<string> Paths = [Runtime, Backend, Direct, DirectWithStart];

    private const string Prompt = "Hello, who are you?";
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(150);

    public static async Task RunAsync(int rounds, int warmUps, string artifacts, TextWriter output)
    {
        var (node, letta, missing) = AppServerInstallPaths.Find();
        if (missing is not null)
        {
            output.WriteLine($"App Server stage skipped: {missing} (eng/test.sh installs Node 24 and @letta-ai/letta-code 0.32.18 under artifacts/).");
            return;
        }

        var load = StreamingSummary.LoadAverage();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var cancellationToken = limit.Token;
        using var model = await ScriptedModelProcess.StartAsync().ConfigureAwait(false);
        await using var server = await LettaAppServerProcess.StartAsync(
            new LettaAppServerOptions { NodePath = node!, LettaScriptPath = letta!, ModelBaseUrl = model.BaseUrl, ModelId = "scripted" }, cancellationToken).ConfigureAwait(false);
        var relayPort = await model.StartRelayAsync(server.Url.Port).ConfigureAwait(false);
        var relay = new Uri(string.Create(CultureInfo.InvariantCulture, $"ws://127.0.0.1:{relayPort}/ws"));
        await using var runtime = await AppServerRuntimePath.StartAsync(relay, server.ModelHandle, cancellationToken).ConfigureAwait(false);
        await using var direct = await DirectAppServerClient.ConnectAsync(relay, cancellationToken).ConfigureAwait(false);
        using var serverProcess = Process.GetProcessById(server.ProcessId);
        var bench = new Turns(runtime, direct, model, serverProcess, server.ModelHandle);

        // Warm-up: the JIT (past the tiered compiler's 30 calls for the per-turn code), the thread pool and both sockets. Agents are reused
        // for up to 20 turns: at 25 steps in a conversation letta-code starts a reflection subagent (a node process of its own).
        var warmAgents = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var round = 0; round < warmUps; round++)
        {
            if (round % 20 == 0)
            {
                warmAgents = await bench.CreateAgentsAsync($"warm{round}", cancellationToken).ConfigureAwait(false);
            }

            foreach (var path in Order(round))
            {
                await bench.RunAsync(path, warmAgents[path], -1 - round, cancellationToken).ConfigureAwait(false);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false); // background tier-1 compiles
        var idleCpu = await IdleCpuAsync(cancellationToken).ConfigureAwait(false);
        var samples = new List<AppServerTurnSample>();
        for (var round = 0; round < rounds; round++)
        {
            var agents = await bench.CreateAgentsAsync($"r{round}", cancellationToken).ConfigureAwait(false);
            await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
            foreach (var path in Order(round))
            {
                samples.Add(await bench.RunAsync(path, agents[path], round, cancellationToken).ConfigureAwait(false));
            }

            foreach (var agentId in agents.Values)
            {
                await direct.DeleteAgentAsync(agentId, cancellationToken).ConfigureAwait(false);
            }
        }

        await AppServerReport.WriteAsync(samples, load, warmUps, idleCpu, artifacts, output).ConfigureAwait(false);
    }

    /// <summary>This process's CPU time per second with no turn running (timers, the App Server's output read by its launcher), the floor under every path's figure.</summary>
    private static async Task<double> IdleCpuAsync(CancellationToken cancellationToken)
    {
        var windows = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
            windows.Add((Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds * 2);
        }

        return Medians.Of(windows);
    }

    private static string[] Order(int round)
    {
        string[] paths = [.. Paths];
        var shift = round % paths.Length;
        return [.. paths[shift..], .. paths[..shift]];
    }

    /// <summary>Runs and checks the timed turns of every path.</summary>
    private sealed class Turns(AppServerRuntimePath runtime, DirectAppServerClient direct, ScriptedModelProcess wire, Process server, string modelHandle)
    {
        private int _turn;

        public async Task<Dictionary<string, string>> CreateAgentsAsync(string label, CancellationToken cancellationToken)
        {
            var agents = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var path in Paths)
            {
                agents[path] = await direct.CreateAgentAsync(modelHandle, $"nosis-bench-{label}-{path.Replace('+', '-')}", cancellationToken).ConfigureAwait(false);
            }

            return agents;
        }

        public async Task<AppServerTurnSample> RunAsync(string path, string agentId, int round, CancellationToken cancellationToken)
        {
            var turn = Interlocked.Increment(ref _turn);
            var conversationId = $"bench-conv-{turn}";
            await wire.TakeMarksAsync().ConfigureAwait(false); // forget the agent commands' writes
            var serverCpu = ServerCpu();
            var cpu = Environment.CpuUsage.TotalTime;
            (long Started, long FirstText, long Ended) times;
            string? text;
            if (path == Runtime)
            {
                times = await runtime.RunTurnAsync(conversationId, agentId, Prompt, cancellationToken).ConfigureAwait(false);
                text = null;
            }
            else if (path == Backend)
            {
                var result = await runtime.RunBackendTurnAsync(agentId, Prompt, $"bench-msg-{turn}", cancellationToken).ConfigureAwait(false);
                times = (result.Started, result.FirstText, result.Ended);
                text = result.Text;
            }
            else
            {
                var result = await direct.RunTurnAsync(agentId, Prompt, $"bench-msg-{turn}", path == DirectWithStart, cancellationToken).ConfigureAwait(false);
                times = (result.Started, result.FirstText, result.Ended);
                text = result.StopReason == "end_turn" ? result.Text : $"(stop reason {result.StopReason})";
            }

            var turnCpu = Environment.CpuUsage.TotalTime - cpu;
            await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
            var settledCpu = Environment.CpuUsage.TotalTime - cpu;
            serverCpu = ServerCpu() - serverCpu;
            var (firstCommand, input, firstAssistant) = await wire.TakeMarksAsync().ConfigureAwait(false);
            text ??= runtime.StoredReply(conversationId) is { Completion: Contracts.ReplyCompletion.Completed } reply ? reply.Text : "(no completed reply stored)";
            if (times.FirstText == 0 || text != ScriptedModelProcess.Reply || firstAssistant == 0)
            {
                throw new InvalidOperationException($"{path} turn {turn}: expected the reply \"{ScriptedModelProcess.Reply}\" with a first text delta, got \"{text}\".");
            }

            return new AppServerTurnSample(
                path, round, Ms(times.FirstText - times.Started), Ms(times.Ended - times.Started), turnCpu.TotalMilliseconds, settledCpu.TotalMilliseconds, serverCpu.TotalMilliseconds,
                new WireSplit(Ms(input - times.Started), Ms(input - firstCommand), Ms(firstAssistant - input), Ms(times.FirstText - firstAssistant)));
        }

        private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

        private TimeSpan ServerCpu()
        {
            server.Refresh();
            return server.TotalProcessorTime;
        }
    }
}
