using System.Diagnostics;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>How much of the growth over the idle process is held by the open streams, with every collectable object collected.</summary>
/// <param name="WorkingSet">Working-set growth, in bytes, after a full compacting collection.</param>
/// <param name="LiveHeap">Growth of the GC heap's live bytes, after the same collection.</param>
/// <param name="OpenStreams">How many streams were open (first token received, not ended) during the collection.</param>
public sealed record HeldGrowth(long WorkingSet, long LiveHeap, int OpenStreams);

/// <summary>
/// The process's working set and live GC heap right after a full, blocking, compacting collection: what the process holds, without
/// the garbage a generation-0 budget lets pile up between collections (which the peak working set of a phase mostly shows).
/// </summary>
public readonly record struct HeldMemory(long WorkingSet, long LiveHeap)
{
    public static HeldMemory Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new HeldMemory(process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }

    /// <summary>Waits until <paramref name="at"/> (a <see cref="Stopwatch"/> timestamp) and measures against <paramref name="idle"/>, if every chat is open then.</summary>
    /// <returns><see langword="null"/> when a chat had not started or had already ended.</returns>
    public static async Task<HeldGrowth?> MeasureWhileOpenAsync(StreamCensus census, int chats, HeldMemory idle, long at)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), at);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait).ConfigureAwait(false);
        }

        var open = census.Started - census.Ended;
        var held = Measure();
        return open < chats ? null : new HeldGrowth(held.WorkingSet - idle.WorkingSet, held.LiveHeap - idle.LiveHeap, open);
    }
}
