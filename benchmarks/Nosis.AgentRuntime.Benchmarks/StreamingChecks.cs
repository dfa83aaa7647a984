namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Refuses to benchmark a stage that does not do its whole job (a benchmark of a broken pipeline measures nothing).</summary>
public static class StreamingChecks
{
    public static async Task Verify(StreamingPipeline pipeline)
    {
        var recording = pipeline.Recording;
        Require(await pipeline.RawCopyAsync().ConfigureAwait(false) == recording.Bytes.Length, "raw copy length");
        Require(await pipeline.SseParseAsync().ConfigureAwait(false) == recording.Frames, $"SSE event count (expected {recording.Frames})");
        Require(await pipeline.TypedItemsAsync().ConfigureAwait(false) == recording.Deltas, "typed assistant deltas");
        var uiBytes = await pipeline.FullPipelineAsync().ConfigureAwait(false);
        Require(uiBytes > recording.TextLength, "UI stream bytes");
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark self-check failed: {what}.");
        }
    }
}
