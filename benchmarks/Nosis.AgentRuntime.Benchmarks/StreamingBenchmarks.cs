using BenchmarkDotNet.Attributes;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>One recorded Letta reply of <see cref="Deltas"/> token deltas through each stage of the streaming pipeline.</summary>
[MemoryDiagnoser]
public class StreamingBenchmarks
{
    public const int Deltas = 10_000;

    private StreamingPipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pipeline = new StreamingPipeline(RecordedLettaStream.Create(Deltas));
        StreamingChecks.Verify(_pipeline).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _pipeline.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "a: raw byte copy")]
    public Task<long> RawCopy() => _pipeline.RawCopyAsync();

    [Benchmark(Description = "b: SSE parse only")]
    public Task<int> SseParse() => _pipeline.SseParseAsync();

    [Benchmark(Description = "b+: SSE parse + JSON reader walk")]
    public Task<int> SseJsonWalk() => _pipeline.SseJsonWalkAsync();

    [Benchmark(Description = "c: parse + typed items")]
    public Task<int> TypedItems() => _pipeline.TypedItemsAsync();

    [Benchmark(Description = "d: full pipeline to UI stream")]
    public Task<long> FullPipeline() => _pipeline.FullPipelineAsync();

    [Benchmark(Description = "f: hand-written floor")]
    public Task<long> Floor() => _pipeline.FloorAsync();
}
