using System.Diagnostics.Tracing;
using System.Globalization;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// Where the streaming stages allocate: exact bytes per token delta (<see cref="GC.GetTotalAllocatedBytes(bool)"/>) and an
/// estimated allocation count per delta, by type, from the runtime's randomized allocation samples (see
/// <see cref="AllocationListener"/>).
/// </summary>
public static class AllocationProfile
{
    public static async Task RunAsync(int runs, TextWriter output)
    {
        var recording = RecordedLettaStream.Create(StreamingBenchmarks.Deltas);
        await using var pipeline = new StreamingPipeline(recording);
        await StreamingChecks.Verify(pipeline).ConfigureAwait(false);
        var stages = new (string Name, Func<Task> Run)[]
        {
            ("a: raw byte copy", pipeline.RawCopyAsync),
            ("b: SSE parse only", pipeline.SseParseAsync),
            ("b+: SSE parse + JSON reader walk", pipeline.SseJsonWalkAsync),
            ("c: parse + typed items", pipeline.TypedItemsAsync),
            ("d: full pipeline to UI stream", pipeline.FullPipelineAsync),
            ("f: hand-written floor", pipeline.FloorAsync),
        };

        output.WriteLine($"## Allocation profile: {runs} runs of {recording.Deltas:N0} deltas ({recording.Frames:N0} SSE events, {recording.Bytes.Length:N0} bytes)");
        output.WriteLine();
        output.WriteLine("| Stage | Bytes / delta (exact) | Allocations / delta (estimated) |");
        output.WriteLine("|---|---:|---:|");
        var details = new List<(string Stage, List<TypeShare> Types)>();
        foreach (var (name, run) in stages)
        {
            var (bytes, count, types) = await MeasureAsync(run, runs, recording.Deltas).ConfigureAwait(false);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {bytes:F1} | {count:F1} |"));
            details.Add((name, types));
        }

        foreach (var (stage, types) in details.Where(d => d.Types.Count > 0))
        {
            output.WriteLine();
            output.WriteLine($"### {stage}: top allocated types");
            output.WriteLine();
            output.WriteLine("| Type | Allocations / delta | Bytes / delta |");
            output.WriteLine("|---|---:|---:|");
            foreach (var type in types.OrderByDescending(t => t.CountPerDelta).Take(14))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{type.Name}` | {type.CountPerDelta:F2} | {type.BytesPerDelta:F1} |"));
            }
        }
    }

    /// <summary>Measures one stage: exact bytes per delta and estimated allocations per delta, over <paramref name="runs"/> runs after a warm-up.</summary>
    public static async Task<(double BytesPerDelta, double AllocationsPerDelta, List<TypeShare> Types)> MeasureAsync(Func<Task> run, int runs, int deltasPerRun)
    {
        await run().ConfigureAwait(false); // warm
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var listener = new AllocationListener();
        await listener.WaitUntilSamplingAsync().ConfigureAwait(false);
        listener.Reset();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            await run().ConfigureAwait(false);
        }

        var bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        await Task.Delay(500).ConfigureAwait(false); // let the runtime deliver the last samples
        var deltas = (double)runs * deltasPerRun;
        var types = listener.Snapshot(deltas, bytes);
        return (bytes / deltas, types.Sum(t => t.CountPerDelta), types);
    }

    public sealed record TypeShare(string Name, double CountPerDelta, double BytesPerDelta);

    /// <summary>
    /// Listens to the runtime's randomized allocation sampler (.NET 10, <c>AllocationSampled</c>): every allocated byte has the
    /// same chance to be sampled, about one in 100 KiB, so an object of size s is sampled with probability p(s) = 1 - e^(-s/100 KiB)
    /// and each sample stands for 1/p(s) objects and s/p(s) bytes, an unbiased estimate whatever the sizes. (<c>GCAllocationTick</c>,
    /// used before, reports the object that crosses an allocation quantum, which over-reports objects that take the slow path.)
    /// The listener's own allocations (the boxed payloads, made on the dispatching thread) are left out.
    /// </summary>
    private sealed class AllocationListener : EventListener
    {
        private const double SamplingMean = 100 * 1024;
        private readonly Lock _gate = new();
        private readonly Dictionary<string, (double Bytes, double Count)> _types = new(StringComparer.Ordinal);
        private long _dispatchThread = -1;

        private int _samples;

        /// <summary>Allocates until the first sample arrives (the runtime starts the listener's session asynchronously), at most 5 s.</summary>
        public async Task WaitUntilSamplingAsync()
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (Volatile.Read(ref _samples) == 0 && waited.Elapsed < TimeSpan.FromSeconds(5))
            {
                for (var i = 0; i < 1000; i++)
                {
                    GC.KeepAlive(new byte[1024]);
                }

                await Task.Delay(10).ConfigureAwait(false);
            }

            if (Volatile.Read(ref _samples) == 0)
            {
                throw new InvalidOperationException("The runtime sent no allocation samples within 5 s; the allocation figures would be empty.");
            }
        }

        public void Reset()
        {
            lock (_gate)
            {
                _types.Clear();
            }
        }

        /// <summary>Scales the sampled bytes to the exact total, and the counts with them.</summary>
        public List<TypeShare> Snapshot(double deltas, long exactBytes)
        {
            lock (_gate)
            {
                var sampled = _types.Values.Sum(v => v.Bytes);
                var scale = sampled > 0 ? exactBytes / sampled : 0;
                return [.. _types.Select(t => new TypeShare(t.Key, t.Value.Count * scale / deltas, t.Value.Bytes * scale / deltas))];
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x80000000000); // AllocationSamplingKeyword
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName != "AllocationSampled" || eventData.Payload is null)
            {
                return;
            }

            if (_dispatchThread < 0)
            {
                _dispatchThread = CurrentOsThreadId();
            }

            if (eventData.OSThreadId == _dispatchThread)
            {
                return;
            }

            var names = eventData.PayloadNames!;
            var typeName = (string?)Read(names, eventData.Payload, "TypeName") ?? "?";
            var size = Convert.ToDouble(Read(names, eventData.Payload, "ObjectSize") ?? 0, CultureInfo.InvariantCulture);
            if (size <= 0)
            {
                return;
            }

            Interlocked.Increment(ref _samples);
            var count = 1 / (1 - Math.Exp(-size / SamplingMean));
            lock (_gate)
            {
                _types.TryGetValue(typeName, out var current);
                _types[typeName] = (current.Bytes + (count * size), current.Count + count);
            }
        }

        private static long CurrentOsThreadId()
        {
            try
            {
                return OperatingSystem.IsLinux() ? LinuxThreads.GetThreadId() : 0;
            }
            catch (EntryPointNotFoundException)
            {
                return 0;
            }
        }

        private static object? Read(IReadOnlyList<string> names, IReadOnlyList<object?> payload, string name)
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i] == name)
                {
                    return payload[i];
                }
            }

            return null;
        }
    }
}

/// <summary>The calling thread's kernel id, to tell the event listener's own thread from the measured ones.</summary>
internal static partial class LinuxThreads
{
    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "gettid")]
    internal static partial int GetThreadId();
}
