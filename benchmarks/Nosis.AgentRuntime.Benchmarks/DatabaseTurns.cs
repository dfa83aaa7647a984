using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>
/// The database side of a turn: the worker host sample on PostgreSQL (its own process, its defaults) against the emulator in
/// this process. Sequential turns, each timed to its first text delta and counted in statements (<c>pg_stat_statements</c>);
/// the same agents are also sent to straight from the emulator in the same run, so the difference is what hosting adds.
/// </summary>
public static class DatabaseTurns
{
    private const string Token = "bench-token";

    /// <summary>Runs the stage: <paramref name="firstTurns"/> conversations each get a first turn, then <paramref name="followUps"/> follow-ups go round them.</summary>
    /// <param name="firstTurns">How many conversations (and first turns).</param>
    /// <param name="followUps">How many sequential follow-up turns, each paired with a direct send to the same agent.</param>
    /// <param name="withWorkerTools">Whether each turn loads the sample's own MCP tools (its default); off isolates the database side.</param>
    /// <param name="output">Where the report goes.</param>
    public static async Task RunAsync(int firstTurns, int followUps, bool withWorkerTools, TextWriter output)
    {
        var bin = PostgresCluster.FindBinDirectory() ?? throw new InvalidOperationException("PostgreSQL is not installed (initdb, pg_ctl); install Debian's postgresql.");
        await using var cluster = await PostgresCluster.StartAsync(bin, serverSettings: "-c shared_preload_libraries=pg_stat_statements").ConfigureAwait(false);
        var connectionString = await cluster.CreateDatabaseAsync("bench").ConfigureAwait(false);
        var databaseName = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var statements = new PostgresStatements(cluster.AdminConnectionString, databaseName);
        await statements.InstallAsync().ConfigureAwait(false);
        await using var emulator = await LettaEmulator.StartNewAsync().ConfigureAwait(false);
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgres",
            ["Database__ConnectionString"] = connectionString,
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "bench-user",
            ["RateLimit__Chat__PermitsPerWindow"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (!withWorkerTools)
        {
            environment["Mcp__Servers__worker-tools__Scope"] = "local"; // the benchmark's conversations are sandbox ones
        }

        await using var worker = await WorkerHostChild.StartAsync(environment).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = worker.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", Token);
        using var lettaHttp = new HttpClient { BaseAddress = emulator.BaseUrl };
        var letta = new LettaClient(lettaHttp, new LettaOptions { BaseUrl = emulator.BaseUrl });

        var first = new List<TurnFigures>();
        var conversations = new List<(string Id, string AgentId)>();
        for (var i = 0; i < firstTurns; i++)
        {
            var id = await CreateConversationAsync(http, i).ConfigureAwait(false);
            await statements.ResetAsync().ConfigureAwait(false);
            var delta = await HostedTurnAsync(http, id).ConfigureAwait(false);
            first.Add(new TurnFigures(delta, await statements.ReadSettledAsync(TimeSpan.FromMilliseconds(300)).ConfigureAwait(false)));
            conversations.Add((id, await AgentOfAsync(http, id).ConfigureAwait(false)));
        }

        var followUp = new List<TurnFigures>();
        var direct = new List<double>();
        for (var i = 0; i < followUps; i++)
        {
            var (id, agentId) = conversations[i % conversations.Count];
            direct.Add(await DirectTurnAsync(letta, agentId).ConfigureAwait(false));
            await statements.ResetAsync().ConfigureAwait(false);
            var delta = await HostedTurnAsync(http, id).ConfigureAwait(false);
            followUp.Add(new TurnFigures(delta, await statements.ReadSettledAsync(TimeSpan.FromMilliseconds(300)).ConfigureAwait(false)));
        }

        DatabaseTurnsReport.Write(output, withWorkerTools ? "the sample's defaults (each turn loads its MCP tools)" : "the sample's MCP tools scoped away", first, followUp, direct);
    }

    private static async Task<string> CreateConversationAsync(HttpClient http, int index)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/conversations", UriKind.Relative), new { title = $"bench {index}" }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>().ConfigureAwait(false)).GetProperty("id").GetString()!;
    }

    private static async Task<string> AgentOfAsync(HttpClient http, string conversationId) =>
        (await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/conversations/{conversationId}", UriKind.Relative)).ConfigureAwait(false)).GetProperty("agent_id").GetString()!;

    /// <summary>One chat turn through the worker; returns the milliseconds to the first text delta and reads the stream to its end.</summary>
    private static async Task<double> HostedTurnAsync(HttpClient http, string conversationId)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.PostAsJsonAsync(new Uri($"/api/conversations/{conversationId}/chat", UriKind.Relative), new { content = "Tell me a story." }).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        double? first = null;
        var parser = SseParser.Create(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), static (_, data) => data.IndexOf("\"type\":\"text-delta\""u8) >= 0);
        await foreach (var item in parser.EnumerateAsync().ConfigureAwait(false))
        {
            if (item.Data)
            {
                first ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        return first ?? throw new InvalidOperationException("A hosted turn streamed no text.");
    }

    private static async Task<double> DirectTurnAsync(LettaClient letta, string agentId)
    {
        var started = Stopwatch.GetTimestamp();
        double? first = null;
        await foreach (var item in letta.StreamMessageAsync(agentId, new LettaMessageRequest([LettaInputMessage.User("Tell me a story.")])).ConfigureAwait(false))
        {
            if (item is LettaAssistantMessage)
            {
                first ??= Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        return first ?? throw new InvalidOperationException("A direct send streamed no text.");
    }
}

/// <summary>One measured turn: milliseconds to the first text delta, and the statements the database received for it.</summary>
public sealed record TurnFigures(double FirstDeltaMs, IReadOnlyList<(string Query, long Calls)> Statements)
{
    public long StatementCount => Statements.Sum(s => s.Calls);
}
