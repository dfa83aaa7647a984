using System.Globalization;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>One phase of <see cref="LoopbackLoad"/>: its wall time, every chat's time to first token, the peak working-set growth
/// over the idle process, and (paced phases) the memory held while every stream was open.</summary>
public sealed record PhaseResult(string Name, TimeSpan Elapsed, double[] FirstTokenMs, long PeakGrowth, HeldGrowth? Held);

/// <summary>Writes the tables of <see cref="LoopbackLoad"/>.</summary>
public static class LoopbackReport
{
    public static void Write(TextWriter output, string scenario, int chats, int tokens, List<PhaseResult> results, long[]? peaks)
    {
        output.WriteLine($"## Loopback load: {chats} concurrent streaming chats x {tokens} tokens, {scenario}");
        output.WriteLine();
        output.WriteLine("| Round | Path | Wall time | Tokens/s | Chats/s | TTFT p50 | TTFT p99 | Peak working-set growth | per stream |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {(i / 2) + 1} | {r.Name} | {r.Elapsed.TotalMilliseconds:F0} ms | {chats * tokens / r.Elapsed.TotalSeconds:N0} | {chats / r.Elapsed.TotalSeconds:F1} | {Percentile(r.FirstTokenMs, 0.50):F1} ms | {Percentile(r.FirstTokenMs, 0.99):F1} ms | {r.PeakGrowth / 1048576.0:F1} MiB | {r.PeakGrowth / 1024.0 / chats:F0} KiB |"));
        }

        var direct = results.Where((_, i) => i % 2 == 0).ToList();
        var hosted = results.Where((_, i) => i % 2 == 1).ToList();
        var directP50 = Medians.Of(direct.Select(r => Percentile(r.FirstTokenMs, 0.50)));
        var hostedP50 = Medians.Of(hosted.Select(r => Percentile(r.FirstTokenMs, 0.50)));
        var directP99 = Medians.Of(direct.Select(r => Percentile(r.FirstTokenMs, 0.99)));
        var hostedP99 = Medians.Of(hosted.Select(r => Percentile(r.FirstTokenMs, 0.99)));
        var directRate = Medians.Of(direct.Select(r => chats * tokens / r.Elapsed.TotalSeconds));
        var hostedRate = Medians.Of(hosted.Select(r => chats * tokens / r.Elapsed.TotalSeconds));
        var directGrowth = Medians.Of(direct.Select(r => (double)r.PeakGrowth));
        var hostedGrowth = Medians.Of(hosted.Select(r => (double)r.PeakGrowth));
        output.WriteLine();
        output.WriteLine("Medians over the measured rounds:");
        output.WriteLine();
        output.WriteLine("| Figure | direct (baseline) | hosted | hosted - direct | hosted / direct |");
        output.WriteLine("|---|---:|---:|---:|---:|");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Throughput, tokens/s | {directRate:N0} | {hostedRate:N0} | {hostedRate - directRate:N0} | {hostedRate / directRate:F2} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Throughput, chats/s | {directRate / tokens:F1} | {hostedRate / tokens:F1} | {(hostedRate - directRate) / tokens:F1} | {hostedRate / directRate:F2} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| TTFT p50 | {directP50:F1} ms | {hostedP50:F1} ms | {hostedP50 - directP50:F1} ms | {hostedP50 / directP50:F2} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| TTFT p99 | {directP99:F1} ms | {hostedP99:F1} ms | {hostedP99 - directP99:F1} ms | {hostedP99 / directP99:F2} |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Peak working set growth per stream, in-phase sample | {directGrowth / 1024 / chats:F0} KiB | {hostedGrowth / 1024 / chats:F0} KiB | {(hostedGrowth - directGrowth) / 1024 / chats:F0} KiB | {hostedGrowth / Math.Max(directGrowth, 1):F2} |"));
        var directHeld = direct.Where(r => r.Held is not null).Select(r => r.Held!).ToList();
        var hostedHeld = hosted.Where(r => r.Held is not null).Select(r => r.Held!).ToList();
        if (directHeld.Count > 0 && hostedHeld.Count > 0)
        {
            var directSet = Medians.Of(directHeld.Select(h => (double)h.WorkingSet));
            var hostedSet = Medians.Of(hostedHeld.Select(h => (double)h.WorkingSet));
            var directLive = Medians.Of(directHeld.Select(h => (double)h.LiveHeap));
            var hostedLive = Medians.Of(hostedHeld.Select(h => (double)h.LiveHeap));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Working set held per open stream, after a full collection mid-phase | {directSet / 1024 / chats:F1} KiB | {hostedSet / 1024 / chats:F1} KiB | {(hostedSet - directSet) / 1024 / chats:F1} KiB | {hostedSet / Math.Max(directSet, 1):F2} |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Live GC heap per open stream, same collection | {directLive / 1024 / chats:F1} KiB | {hostedLive / 1024 / chats:F1} KiB | {(hostedLive - directLive) / 1024 / chats:F1} KiB | {hostedLive / Math.Max(directLive, 1):F2} |"));
        }
        else if (peaks is null)
        {
            output.WriteLine("| Held memory mid-phase | not measured: a chat ended before every chat had its first token |  |  |  |");
        }

        if (peaks is null)
        {
            return;
        }

        var directPeak = (double)(peaks[1] - peaks[0]);
        var hostedPeak = (double)(peaks[2] - peaks[0]);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| Process.PeakWorkingSet64 growth / {chats}, first round | {directPeak / 1024 / chats:F0} KiB | {hostedPeak / 1024 / chats:F0} KiB | {(hostedPeak - directPeak) / 1024 / chats:F0} KiB | {hostedPeak / Math.Max(directPeak, 1):F2} |"));
        output.WriteLine();
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Process.PeakWorkingSet64: {peaks[0] / 1048576.0:F0} MiB idle (emulator and host started), {peaks[1] / 1048576.0:F0} MiB after the first direct round, {peaks[2] / 1048576.0:F0} MiB after the first hosted round."));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
