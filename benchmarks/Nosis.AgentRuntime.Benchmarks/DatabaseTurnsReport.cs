using System.Globalization;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>Writes the database-turn stage's figures and checks its targets (<c>docs/benchmarks.md</c>, "The database side of a turn").</summary>
public static class DatabaseTurnsReport
{
    public static void Write(TextWriter output, string setup, IReadOnlyList<TurnFigures> first, IReadOnlyList<TurnFigures> followUp, IReadOnlyList<double> direct)
    {
        var directP50 = Medians.Of(direct);
        var hostedP50 = Medians.Of(followUp.Select(t => t.FirstDeltaMs));
        var added = hostedP50 - directP50;
        var followUpStatements = Medians.Of(followUp.Select(t => (double)t.StatementCount));
        var firstStatements = Medians.Of(first.Select(t => (double)t.StatementCount));
        output.WriteLine();
        output.WriteLine($"## The database side of a turn: worker host sample on PostgreSQL, {setup}; {first.Count} first turns, {followUp.Count} sequential follow-ups");
        output.WriteLine();
        output.WriteLine("| Path | First text delta p50 | p90 | Statements per turn (median, max) |");
        output.WriteLine("|---|---:|---:|---:|");
        output.WriteLine(Row("emulator direct (LettaClient)", direct, null));
        output.WriteLine(Row("worker, follow-up turn", followUp.Select(t => t.FirstDeltaMs).ToList(), followUp));
        output.WriteLine(Row("worker, first turn (creates the agent)", first.Select(t => t.FirstDeltaMs).ToList(), first));
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Targets: a follow-up turn adds {added:F1} ms at p50 (target <= 3 ms): {Verdict(added <= 3)}; costs {followUpStatements:F0} statements (target <= 5): {Verdict(followUpStatements <= 5)}; a first turn {firstStatements:F0} (target <= 8): {Verdict(firstStatements <= 8)}."));
        WriteStatements(output, "A follow-up turn's statements (the last one measured)", followUp[^1]);
        WriteStatements(output, "A first turn's statements (the last one measured)", first[^1]);
    }

    private static string Row(string name, IReadOnlyList<double> deltas, IReadOnlyList<TurnFigures>? turns)
    {
        var sorted = deltas.Order().ToList();
        var p90 = sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1];
        var counts = turns is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{Medians.Of(turns.Select(t => (double)t.StatementCount)):F0}, {turns.Max(t => t.StatementCount)}");
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {Medians.Of(sorted):F1} ms | {p90:F1} ms | {counts} |");
    }

    private static void WriteStatements(TextWriter output, string title, TurnFigures turn)
    {
        output.WriteLine();
        output.WriteLine($"{title}:");
        output.WriteLine();
        output.WriteLine("| Calls | Statement |");
        output.WriteLine("|---:|---|");
        foreach (var (query, calls) in turn.Statements)
        {
            var shown = query.ReplaceLineEndings(" ");
            output.WriteLine($"| {calls} | `{(shown.Length > 140 ? shown[..140] + "…" : shown).Replace("|", "\\|", StringComparison.Ordinal)}` |");
        }
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";
}
