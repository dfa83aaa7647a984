using System.Globalization;
using BenchmarkDotNet.Running;
using Nosis.AgentRuntime.Benchmarks;

// Modes (see docs/benchmarks.md):
//   --short        the whole suite, quick: BenchmarkDotNet (short job) + --alloc + --claims + --load
//   --bdn          BenchmarkDotNet only, default job (slower, tighter intervals)
//   --alloc        allocation profile of the streaming stages
//   --claims       cold-claim contention count
//   --load         loopback load: 200 chats x 500 tokens
//   --db-turns [no-mcp]  the database side of a turn: the worker host sample on PostgreSQL, time to first delta and statements
//                  per turn; no-mcp scopes the sample's own MCP tools away so that only the database side is added
//   --loop S N     runs streaming stage S (a, b, b+, c, d or f) over and over for N seconds, for a profiler to watch
//   --appserver    a turn on Letta's real App Server (started here, scripted model): the runtime next to a direct WebSocket client, summary in artifacts/benchmarks/appserver-summary.json
//   --streaming    the streaming stages only (a, b, b+, c, d, f, and the TypeScript peer), summary in artifacts/benchmarks/streaming-summary.json
var mode = args.FirstOrDefault() ?? "--short";
var artifacts = Path.Combine(Environment.CurrentDirectory, "artifacts", "benchmarks");
var output = Console.Out;
output.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"# Nosis.AgentRuntime benchmarks ({mode}): {Environment.ProcessorCount} cores, .NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, GC server={System.Runtime.GCSettings.IsServerGC}"));

switch (mode)
{
    case "--short":
    case "--bdn":
        var config = BenchmarkJobs.Create(mode == "--short", artifacts);
        var summaries = BenchmarkRunner.Run([typeof(StreamingBenchmarks), typeof(ClaimHotPathBenchmarks)], config);
        Targets.Print(summaries, output);
        if (mode == "--short")
        {
            await AllocationProfile.RunAsync(runs: 20, output);
            output.WriteLine();
            await ClaimContention.RunAsync(conversations: 20, callers: 64, output);
            output.WriteLine();
            await LoopbackLoad.RunAsync(chats: 200, tokens: 500, rounds: 3, pacedRounds: 2, pace: TimeSpan.FromMilliseconds(10), output);
        }

        break;
    case "--alloc":
        await AllocationProfile.RunAsync(runs: int.Parse(args.ElementAtOrDefault(1) ?? "20", CultureInfo.InvariantCulture), output);
        break;
    case "--claims":
        await ClaimContention.RunAsync(conversations: 20, callers: 64, output);
        break;
    case "--appserver":
        await AppServerBenchmark.RunAsync(
            rounds: int.Parse(args.ElementAtOrDefault(1) ?? "41", CultureInfo.InvariantCulture), warmUps: int.Parse(args.ElementAtOrDefault(2) ?? "35", CultureInfo.InvariantCulture), artifacts, output);
        break;
    case "--scripted-model":
        return await ScriptedModelProcess.RunAsync(output);
    case "--streaming":
        await StreamingSummary.RunAsync(rounds: 101, artifacts, output);
        break;
    case "--loop":
        await StreamingLoop.RunAsync(args.ElementAtOrDefault(1) ?? "d", TimeSpan.FromSeconds(double.Parse(args.ElementAtOrDefault(2) ?? "10", CultureInfo.InvariantCulture)), output);
        break;
    case "--load-host":
        return await LoadHostProcess.RunAsync(new Uri(args[1]), output);
    case "--load":
        await LoopbackLoad.RunAsync(chats: 200, tokens: 500, rounds: 3, pacedRounds: 2, pace: TimeSpan.FromMilliseconds(10), output);
        break;
    case "--db-turns":
        await DatabaseTurns.RunAsync(firstTurns: 10, followUps: 40, withWorkerTools: args.ElementAtOrDefault(1) != "no-mcp", output);
        break;
    default:
        Console.Error.WriteLine($"Unknown mode {mode}. Use --short, --bdn, --streaming, --appserver, --alloc, --claims, --load or --db-turns.");
        return 2;
}

return 0;
