using System.Globalization;
using BenchmarkDotNet.Reports;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Reads the targets off the BenchmarkDotNet summaries: ratios of medians measured in the same run.</summary>
public static class Targets
{
    public static void Print(IEnumerable<Summary> summaries, TextWriter output)
    {
        var reports = summaries.SelectMany(s => s.Reports).ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, StringComparer.Ordinal);
        double Median(string name) => reports[name].ResultStatistics?.Median ?? double.NaN;
        double Bytes(string name) => reports[name].GcStats.GetBytesAllocatedPerOperation(reports[name].BenchmarkCase) ?? double.NaN;

        const double Deltas = StreamingBenchmarks.Deltas;
        output.WriteLine();
        output.WriteLine("## Targets (medians from this run)");
        output.WriteLine();
        output.WriteLine("| Stage | Median | vs a (raw copy) | vs b (SSE parse) | Allocated / op | Bytes / delta |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var name in new[] { "RawCopy", "SseParse", "SseJsonWalk", "TypedItems", "FullPipeline" })
        {
            if (!reports.ContainsKey(name))
            {
                continue;
            }

            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {Median(name) / 1e6:F3} ms | {Median(name) / Median("RawCopy"):F1}x | {Median(name) / Median("SseParse"):F2}x | {Bytes(name) / 1024:N1} KiB | {Bytes(name) / Deltas:F1} |"));
        }

        if (reports.ContainsKey("RegistryRead"))
        {
            output.WriteLine();
            output.WriteLine("| Claim hot path | Median | vs direct registry read | Allocated / op |");
            output.WriteLine("|---|---:|---:|---:|");
            foreach (var name in new[] { "RegistryRead", "ResolveFromRegistry", "ResolveFromConversation" })
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {name} | {Median(name):F1} ns | {Median(name) / Median("RegistryRead"):F2}x | {Bytes(name):F0} B |"));
            }
        }

        output.WriteLine();
    }
}
