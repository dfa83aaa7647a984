using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Data.Tests.Infrastructure;

/// <summary>Runs four race-worker processes against one database and one emulator, released together by a barrier file.</summary>
internal static class RaceWorkerFleet
{
    public const int Workers = 4;

    /// <summary>Starts the workers, releases them at once, waits for them to exit (each must succeed) and returns every line they printed.</summary>
    public static async Task<List<JsonElement>> RunAsync(
        DatabaseKind kind, string database, string workerDll, string mode, LettaEmulator emulator, IReadOnlyList<ConversationRecord> conversations,
        Stopwatch total, int callers, params string[] extraArguments)
    {
        var barrier = Path.Combine(Path.GetTempPath(), $"nosis-race-{Guid.NewGuid():N}.go");
        var workers = Enumerable.Range(0, Workers)
            .Select(w => RaceWorkerProcess.Start(workerDll, [.. WorkerArguments($"w{w}", kind, database, mode, emulator.BaseUrl, barrier, conversations, callers), .. extraArguments]))
            .ToList();
        try
        {
            // Each worker warms up (host started, pool open) and says so; the barrier file then releases all of them at once.
            await Task.WhenAll(workers.Select(w => w.Ready)).WaitAsync(TimeSpan.FromSeconds(30));
            var startup = total.Elapsed;
            var raced = Stopwatch.StartNew();
            await File.WriteAllTextAsync(barrier, "go");
            var exitCodes = await Task.WhenAll(workers.Select(w => w.WaitForExitAsync(TimeSpan.FromSeconds(90))));
            var lines = workers.SelectMany(w => w.Lines).ToList();
            TestContext.Out.WriteLine(
                $"{kind}, {mode}: workers ready after {startup.TotalSeconds:0.0} s; race and drain {raced.Elapsed.TotalSeconds:0.0} s; "
                + $"{emulator.CreateCalls} create calls, {emulator.AgentsDeleted} lost-claim agents deleted; "
                + string.Join("; ", lines.Where(l => Text(l, "event") == "done").Select(l => l.ToString())));
            for (var w = 0; w < Workers; w++)
            {
                exitCodes[w].Should().Be(0, "worker w{0} must succeed; its stderr:\n{1}\nits failures:\n{2}", w, workers[w].Stderr, Failures(workers[w]));
            }

            return lines;
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }

            File.Delete(barrier);
        }
    }

    /// <summary>A string property of a worker's output line, or null.</summary>
    public static string? Text(JsonElement line, string property) =>
        line.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Failures(RaceWorkerProcess worker) =>
        string.Join('\n', worker.Lines.Where(l => Text(l, "error") is not null).Take(10));

    private static IEnumerable<string> WorkerArguments(
        string name, DatabaseKind kind, string database, string mode, Uri letta, string barrier, IEnumerable<ConversationRecord> conversations, int callers) =>
    [
        "--name", name,
        "--provider", kind == DatabaseKind.Sqlite ? "sqlite" : "postgres",
        "--database", database,
        "--letta", letta.ToString(),
        "--barrier", barrier,
        "--callers", callers.ToString(CultureInfo.InvariantCulture),
        "--mode", mode,
        .. conversations.SelectMany(c => new[] { "--conversation", $"{c.Id},{c.UserId},{c.OfficeId}" }),
    ];
}
