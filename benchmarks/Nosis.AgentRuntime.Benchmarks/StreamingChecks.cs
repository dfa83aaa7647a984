using System.Text;
using System.Text.RegularExpressions;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Refuses to benchmark a stage that does not do its whole job (a benchmark of a broken pipeline measures nothing).</summary>
public static partial class StreamingChecks
{
    public static async Task Verify(StreamingPipeline pipeline)
    {
        var recording = pipeline.Recording;
        Require(await pipeline.RawCopyAsync().ConfigureAwait(false) == recording.Bytes.Length, "raw copy length");
        Require(await pipeline.SseParseAsync().ConfigureAwait(false) == recording.Frames, $"SSE event count (expected {recording.Frames})");
        Require(await pipeline.TypedItemsAsync().ConfigureAwait(false) == recording.Deltas, "typed assistant deltas");
        var uiBytes = await pipeline.FullPipelineAsync().ConfigureAwait(false);
        Require(uiBytes > recording.TextLength, "UI stream bytes");
        using var full = new MemoryStream();
        await pipeline.FullPipelineAsync(full).ConfigureAwait(false);
        using var floor = new MemoryStream();
        await pipeline.FloorAsync(floor).ConfigureAwait(false);
        var fullText = MessageId().Replace(Encoding.UTF8.GetString(full.ToArray()), "\"messageId\":\"*\"");
        var floorText = MessageId().Replace(Encoding.UTF8.GetString(floor.ToArray()), "\"messageId\":\"*\"");
        Require(string.Equals(fullText, floorText, StringComparison.Ordinal), $"(f) writes the same UI bytes as (d) apart from the message id ({FirstDifference(fullText, floorText)})");
    }

    [GeneratedRegex("\"messageId\":\"[^\"]*\"")]
    private static partial Regex MessageId();

    private static string FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i == a.Length && i == b.Length ? "equal" : $"first difference at {i}: (d) '{Excerpt(a, i)}' vs (f) '{Excerpt(b, i)}'";

        static string Excerpt(string text, int at) => text.Substring(Math.Max(0, at - 40), Math.Min(120, text.Length - Math.Max(0, at - 40)));
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark self-check failed: {what}.");
        }
    }
}
