using System.Diagnostics;
using System.Globalization;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Runs one streaming stage over and over for a while (after 4 s of warm-up), so a sampling profiler (<c>perf</c>) sees only that stage, and prints its wall and CPU time per run.</summary>
public static class StreamingLoop
{
    public static async Task RunAsync(string stage, TimeSpan duration, TextWriter output)
    {
        var recording = RecordedLettaStream.Create(StreamingBenchmarks.Deltas);
        await using var pipeline = new StreamingPipeline(recording);
        Func<Task> run = stage switch
        {
            "a" => pipeline.RawCopyAsync,
            "b" => pipeline.SseParseAsync,
            "b+" => pipeline.SseJsonWalkAsync,
            "c" => pipeline.TypedItemsAsync,
            "d" => pipeline.FullPipelineAsync,
            "f" => pipeline.FloorAsync,
            _ => throw new ArgumentException($"Unknown stage {stage}; use a, b, b+, c, d or f.", nameof(stage)),
        };

        // Warm up past the tiered JIT (tier 0, then the rejitted hot loops) before counting, as the --streaming rounds do.
        var warming = Stopwatch.StartNew();
        while (warming.Elapsed < TimeSpan.FromSeconds(4))
        {
            await run().ConfigureAwait(false);
        }

        var runs = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await run().ConfigureAwait(false);
            runs++;
        }

        var cpuPerRun = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / runs;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stage {stage}: {runs} runs, {clock.Elapsed.TotalMilliseconds / runs:F3} ms wall and {cpuPerRun:F3} ms CPU per run"));
    }
}
