using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Prints the <c>--appserver</c> figures (p50/p90 per path, the runtime's added latency, the CPU ratio) and writes <c>artifacts/benchmarks/appserver-summary.json</c>.</summary>
public static class AppServerReport
{
    /// <summary>The issue's target: the runtime adds at most this to the first text delta at p50.</summary>
    public const double TargetAddedMs = 5;

    public static async Task WriteAsync(IReadOnlyList<AppServerTurnSample> samples, double? load, int warmUps, double idleCpuMsPerSecond, string artifacts, TextWriter output)
    {
        var byPath = AppServerBenchmark.Paths.ToDictionary(p => p, p => samples.Where(s => s.Path == p).ToList(), StringComparer.Ordinal);
        var rounds = byPath[AppServerBenchmark.Runtime].Count;
        double P(string path, Func<AppServerTurnSample, double> figure, double percentile = 50) => Percentile(byPath[path].Select(figure), percentile);
        double Paired(string path, string baseline, Func<AppServerTurnSample, double> figure) => Medians.Of(
            byPath[path].Join(byPath[baseline], s => s.Round, s => s.Round, (a, b) => figure(a) - figure(b)));
        const string Runtime = AppServerBenchmark.Runtime, Direct = AppServerBenchmark.Direct;

        var added = P(Runtime, s => s.FirstTextMs) - P(Direct, s => s.FirstTextMs);
        var addedClient = P(Runtime, s => s.Wire.ClientMs) - P(Direct, s => s.Wire.ClientMs);
        var cpuRatio = P(Runtime, s => s.CpuMs) / P(Direct, s => s.CpuMs);
        var cpuSettledRatio = P(Runtime, s => s.CpuSettledMs) / P(Direct, s => s.CpuSettledMs);
        var met = addedClient <= TargetAddedMs;

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## App Server turn: {rounds} measured rounds (each path once per round, rotating order) after {warmUps} warm-up rounds, 1-min load average at start {load?.ToString("F2", CultureInfo.InvariantCulture) ?? "unknown"}"));
        output.WriteLine();
        output.WriteLine("| Path | First text p50 | p90 | Turn p50 | CPU / turn p50 | p90 | CPU incl. 150 ms settle p50 | App Server CPU / turn p50 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        var pathNodes = new JsonObject();
        foreach (var path in AppServerBenchmark.Paths)
        {
            var node = new JsonObject
            {
                ["first_text_p50_ms"] = Round(P(path, s => s.FirstTextMs)),
                ["first_text_p90_ms"] = Round(P(path, s => s.FirstTextMs, 90)),
                ["turn_p50_ms"] = Round(P(path, s => s.TurnMs)),
                ["cpu_p50_ms"] = Round(P(path, s => s.CpuMs)),
                ["cpu_p90_ms"] = Round(P(path, s => s.CpuMs, 90)),
                ["cpu_settled_p50_ms"] = Round(P(path, s => s.CpuSettledMs)),
                ["server_cpu_p50_ms"] = Round(P(path, s => s.ServerCpuMs)),
                ["wire_send_p50_ms"] = Round(P(path, s => s.Wire.SendMs)),
                ["wire_commands_p50_ms"] = Round(P(path, s => s.Wire.CommandsMs)),
                ["wire_server_p50_ms"] = Round(P(path, s => s.Wire.ServerMs)),
                ["wire_receive_p50_ms"] = Round(P(path, s => s.Wire.ReceiveMs)),
                ["client_p50_ms"] = Round(P(path, s => s.Wire.ClientMs)),
                ["client_p90_ms"] = Round(P(path, s => s.Wire.ClientMs, 90)),
            };
            pathNodes[path] = node;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {path} | {node["first_text_p50_ms"]} ms | {node["first_text_p90_ms"]} ms | {node["turn_p50_ms"]} ms | {node["cpu_p50_ms"]} ms | {node["cpu_p90_ms"]} ms | {node["cpu_settled_p50_ms"]} ms | {node["server_cpu_p50_ms"]} ms |"));
        }

        output.WriteLine();
        output.WriteLine("First text delta split at the wire (p50 of each part, so the parts need not add up):");
        output.WriteLine();
        output.WriteLine("| Path | Start to input on the wire | of which commands before input | Server: input to first assistant frame | Receive: frame to client | Client part (send + receive) p50 | p90 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (path, node) in pathNodes)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {path} | {node!["wire_send_p50_ms"]} ms | {node["wire_commands_p50_ms"]} ms | {node["wire_server_p50_ms"]} ms | {node["wire_receive_p50_ms"]} ms | {node["client_p50_ms"]} ms | {node["client_p90_ms"]} ms |"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Runtime adds to the first text delta at p50, client part (runtime - direct): {addedClient:F2} ms; target <= {TargetAddedMs} ms: {(met ? "met" : "NOT met")}."));
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"End to end (p50 runtime - p50 direct): {added:F2} ms; median of the per-round differences {Paired(Runtime, Direct, s => s.FirstTextMs):F2} ms (the server's part varies far more than the client's on a loaded machine)."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU per turn, runtime / direct at p50: {cpuRatio:F2}x to the turn's end, {cpuSettledRatio:F2}x including the settle pause; with no turn running this process uses {idleCpuMsPerSecond:F2} ms of CPU per second."));

        var summary = new JsonObject
        {
            ["load_average"] = load,
            ["rounds"] = rounds,
            ["warm_up_rounds"] = warmUps,
            ["paths"] = pathNodes,
            ["added_client_p50_ms"] = Round(addedClient),
            ["added_first_text_p50_ms"] = Round(added),
            ["added_first_text_paired_median_ms"] = Round(Paired(Runtime, Direct, s => s.FirstTextMs)),
            ["cpu_ratio_p50"] = Round(cpuRatio),
            ["cpu_settled_ratio_p50"] = Round(cpuSettledRatio),
            ["idle_cpu_ms_per_s"] = Round(idleCpuMsPerSecond),
            ["target_added_ms"] = TargetAddedMs,
            ["target_met"] = met,
        };
        Directory.CreateDirectory(artifacts);
        var file = Path.Combine(artifacts, "appserver-summary.json");
        await File.WriteAllTextAsync(file, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
        output.WriteLine($"Summary written to {file}");
    }

    /// <summary>The percentile by linear interpolation between the closest ranks (p50 is the median of <see cref="Medians"/>).</summary>
    public static double Percentile(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToList();
        var rank = percentile / 100 * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }

    private static double Round(double value) => Math.Round(value, 2);
}
