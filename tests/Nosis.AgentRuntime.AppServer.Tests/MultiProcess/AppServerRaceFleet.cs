using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator.AppServer;

namespace Nosis.AgentRuntime.AppServer.Tests.MultiProcess;

/// <summary>
/// Runs four race-worker processes (tests/Nosis.AgentRuntime.RaceWorker, <c>--backend appserver</c>) against one SQLite file and one
/// real App Server, released together by a barrier file, as the emulator's RaceWorkerFleet does against the emulator.
/// </summary>
internal static class AppServerRaceFleet
{
    public const int Workers = 4;

    /// <summary>Starts the workers, releases them at once, waits for them to exit (each must succeed) and returns every line they printed.</summary>
    public static async Task<List<JsonElement>> RunAsync(
        SharedSqliteFile database, LettaAppServerProcess server, string mode, string scope, IReadOnlyList<ConversationRecord> conversations, int callers)
    {
        var barrier = Path.Combine(Path.GetTempPath(), $"nosis-appserver-race-{Guid.NewGuid():N}.go");
        var workerDll = RaceWorkerProcess.FindWorkerDll();
        var workers = Enumerable.Range(0, Workers)
            .Select(w => RaceWorkerProcess.Start(workerDll, WorkerArguments($"w{w}", database.Path, server, barrier, mode, scope, conversations, callers)))
            .ToList();
        try
        {
            var startup = Stopwatch.StartNew();
            await Task.WhenAll(workers.Select(w => w.Ready)).WaitAsync(TimeSpan.FromSeconds(90));
            var ready = startup.Elapsed;
            var raced = Stopwatch.StartNew();
            await File.WriteAllTextAsync(barrier, "go");
            var exitCodes = await Task.WhenAll(workers.Select(w => w.WaitForExitAsync(TimeSpan.FromSeconds(330))));
            var lines = workers.SelectMany(w => w.Lines).ToList();
            TestContext.Out.WriteLine(
                $"App Server, {mode}, scope {scope}: workers ready after {ready.TotalSeconds:0.0} s; race and drain {raced.Elapsed.TotalSeconds:0.0} s; "
                + string.Join("; ", lines.Where(l => Text(l, "event") == "done").Select(l => l.ToString()))
                + "; callers by outcome: "
                + string.Join(", ", lines.Where(l => Text(l, "event") is null).GroupBy(l => $"{Text(l, "kind")} {(Text(l, "error") is null ? Text(l, "completion") ?? "ok" : "failed")}").Select(g => $"{g.Key} {g.Count()}")));
            for (var w = 0; w < Workers; w++)
            {
                exitCodes[w].Should().Be(0, "worker w{0} must succeed; its stderr:\n{1}\nits failures:\n{2}", w, Tail(workers[w].Stderr), Failures(workers[w]));
            }

            lines.Where(l => Text(l, "event") == "queued").Select(l => Text(l, "message")).Should().BeEmpty(
                "no turn of a conversation is sent while another of it runs: the App Server would queue it (and hide the overlap by serialising it)");

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

    /// <summary>The command line of one worker on the App Server backend.</summary>
    public static IEnumerable<string> WorkerArguments(
        string name, string databasePath, LettaAppServerProcess server, string barrier, string mode, string scope, IEnumerable<ConversationRecord> conversations, int callers) =>
    [
        "--name", name,
        "--provider", "sqlite",
        "--database", databasePath,
        "--backend", "appserver",
        "--appserver-url", server.Url.ToString(),
        "--appserver-model", server.ModelHandle,
        "--barrier", barrier,
        "--callers", callers.ToString(CultureInfo.InvariantCulture),
        "--mode", mode,
        "--scope", scope,
        "--deadline", "300",
        .. conversations.SelectMany(c => new[] { "--conversation", $"{c.Id},{c.UserId},{c.OfficeId}" }),
    ];

    /// <summary>A string property of a worker's output line, or null.</summary>
    public static string? Text(JsonElement line, string property) =>
        line.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];

    private static string Failures(RaceWorkerProcess worker) =>
        string.Join('\n', worker.Lines.Where(l => Text(l, "error") is not null).Take(10));
}
