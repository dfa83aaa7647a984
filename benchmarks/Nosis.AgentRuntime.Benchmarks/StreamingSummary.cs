using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// <c>--streaming</c>: only the streaming stages, interleaved round by round so a loaded machine slows them alike, then each
/// stage's allocations, then the TypeScript peer where Node and the interop packages are present. Writes
/// <c>artifacts/benchmarks/streaming-summary.json</c>.
/// </summary>
public static class StreamingSummary
{
    public static async Task RunAsync(int rounds, string artifacts, TextWriter output)
    {
        var load = LoadAverage();
        var recording = RecordedLettaStream.Create(StreamingBenchmarks.Deltas);
        await using var pipeline = new StreamingPipeline(recording);
        await StreamingChecks.Verify(pipeline).ConfigureAwait(false);
        var stages = new (string Key, Func<Task> Run)[]
        {
            ("a", pipeline.RawCopyAsync), ("b", pipeline.SseParseAsync), ("b+", pipeline.SseJsonWalkAsync),
            ("c", pipeline.TypedItemsAsync), ("d", pipeline.FullPipelineAsync), ("f", pipeline.FloorAsync),
        };
        var times = stages.ToDictionary(s => s.Key, _ => new List<double>());

        // Warm up until the tiered JIT has promoted the hot loops (30 calls, then a background compile), as BenchmarkDotNet does.
        for (var round = 0; round < 40; round++)
        {
            foreach (var (_, run) in stages)
            {
                await run().ConfigureAwait(false);
            }

            if (round % 10 == 9)
            {
                await Task.Delay(300).ConfigureAwait(false);
            }
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var (key, run) in stages)
            {
                var started = Stopwatch.GetTimestamp();
                await run().ConfigureAwait(false);
                times[key].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var summary = new JsonObject { ["load_average"] = load };
        var stageNodes = new JsonObject();
        foreach (var (key, run) in stages)
        {
            var (bytes, allocations, _) = await AllocationProfile.MeasureAsync(run, runs: 40, recording.Deltas).ConfigureAwait(false);
            stageNodes[key] = new JsonObject
            {
                ["median_ms"] = Math.Round(Medians.Of(times[key]), 3),
                ["bytes_per_delta"] = Math.Round(bytes, 1),
                ["allocations_per_delta"] = Math.Round(allocations, 2),
            };
        }

        if (await TypeScriptPeer.RunAsync(recording, runs: Math.Max(5, rounds / 2), output).ConfigureAwait(false) is { } ts)
        {
            stageNodes["ts"] = new JsonObject { ["median_ms"] = Math.Round(ts, 3), ["bytes_per_delta"] = null, ["allocations_per_delta"] = null };
        }

        // The issue's peer figure was measured on Node 24; where one is installed beside the repository, time it too.
        if (TypeScriptPeer.FindNode24() is { } node24
            && await TypeScriptPeer.RunAsync(recording, runs: Math.Max(5, rounds / 2), output, node24).ConfigureAwait(false) is { } ts24)
        {
            stageNodes["ts-node24"] = new JsonObject { ["median_ms"] = Math.Round(ts24, 3), ["bytes_per_delta"] = null, ["allocations_per_delta"] = null };
        }

        summary["stages"] = stageNodes;
        Directory.CreateDirectory(artifacts);
        var path = Path.Combine(artifacts, "streaming-summary.json");
        await File.WriteAllTextAsync(path, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })).ConfigureAwait(false);
        Print(stageNodes, load, rounds, output);
        output.WriteLine($"Summary written to {path}");
    }

    private static void Print(JsonObject stages, double? load, int rounds, TextWriter output)
    {
        double Ms(string key) => stages[key]!["median_ms"]!.GetValue<double>();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## Streaming stages: medians of {rounds} interleaved rounds, 1-min load average at start {load?.ToString("F2", CultureInfo.InvariantCulture) ?? "unknown"}"));
        output.WriteLine();
        output.WriteLine("| Stage | Median ms | vs (b+) | vs (f) | Bytes / delta | Allocations / delta |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (key, node) in stages)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {key} | {Ms(key):F3} | {Ms(key) / Ms("b+"):F2}x | {Ms(key) / Ms("f"):F2}x | {node!["bytes_per_delta"]?.ToString() ?? "-"} | {node["allocations_per_delta"]?.ToString() ?? "-"} |"));
        }

        output.WriteLine();
    }

    /// <summary>The 1-minute load average from <c>/proc/loadavg</c>, or <see langword="null"/> where there is none.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
