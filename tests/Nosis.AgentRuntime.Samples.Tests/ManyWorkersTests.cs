using System.Net;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>Several worker processes on one small PostgreSQL server through PgBouncer in transaction mode (docs/many-workers.md).</summary>
[NonParallelizable]
public sealed class ManyWorkersTests
{
    private const string Token = "many-token";
    private const int Workers = 4;
    private const int Conversations = 16;
    private const int FollowUps = 2;

    [Test]
    public async Task WorkersThroughPgBouncer_OnASmallServer_AnswerEveryTurn_WithOneAgentPerConversation()
    {
        PgBouncer.Require();
        await using var cluster = await StartOwnClusterAsync(maxConnections: 20);
        await using var bouncer = await PgBouncer.StartAsync(cluster, serverConnections: 8);
        await using var emulator = await LettaEmulator.StartNewAsync();
        var connectionString = bouncer.Through(await cluster.CreateDatabaseAsync("many"));

        // The sample's defaults (8 connections per worker) open 32 client connections, more than the server's 20: the pooler holds them.
        var workers = await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => WorkerHostProcess.StartAsync(Environment(connectionString, emulator))));
        var clients = workers.Select(w => new WorkerClient(w.BaseUrl, Token)).ToArray();
        try
        {
            var ids = await Task.WhenAll(Enumerable.Range(0, Conversations).Select(async i =>
                (await clients[i % Workers].CreateConversationAsync(new { title = $"Many {i}" })).GetProperty("id").GetString()!));

            var first = await Task.WhenAll(ids.SelectMany(id => clients.Select(c => c.PostAsync($"/api/conversations/{id}/chat", new { content = "racing first message" }))));
            var followUps = await Task.WhenAll(ids.SelectMany((id, i) => Enumerable.Range(0, FollowUps).Select(turn =>
                clients[(i + turn) % Workers].PostAsync($"/api/conversations/{id}/chat", new { content = $"follow-up {turn}" }))));

            first.Concat(followUps).Should().OnlyContain(r => r.Status == HttpStatusCode.OK && r.Text.Contains("\"type\":\"finish\"", StringComparison.Ordinal));
            emulator.CreateCalls.Should().Be(Conversations, "racing first messages from every worker still make one agent per conversation");
            foreach (var id in ids)
            {
                emulator.LiveAgentsTagged(AgentTags.ForConversation(id)).Should().ContainSingle();
                var transcript = await WorkerHostEndToEndTests.WaitForMessagesAsync(clients[0], id, 2 * (Workers + FollowUps));
                transcript.Should().HaveCount(2 * (Workers + FollowUps), "every answered turn stores its user message and its reply, once");
            }

            workers.Should().OnlyContain(w => !w.Output.Contains("Unhandled failure") && !w.Output.Contains("53300"));
        }
        finally
        {
            Array.ForEach(clients, c => c.Dispose());
            await Task.WhenAll(workers.Select(w => w.DisposeAsync().AsTask()));
        }
    }

    [Test]
    public async Task MaxAutoPrepareBehindPgBouncer_WorkerStopsAtStartWithOneLine_WhileDirectlyItMigrates()
    {
        PgBouncer.Require();
        await using var cluster = await StartOwnClusterAsync(maxConnections: 20);
        await using var bouncer = await PgBouncer.StartAsync(cluster, serverConnections: 4);
        var direct = await cluster.CreateDatabaseAsync("prepare") + ";Max Auto Prepare=10";
        var pooled = bouncer.Through(direct);

        var (exitCode, stdout, stderr) = await SampleProcess.RunAsync(
            "Nosis.AgentRuntime.Samples.WorkerHost",
            ["--urls", "http://127.0.0.1:0"],
            new Dictionary<string, string?> { ["Database__Provider"] = "postgres", ["Database__ConnectionString"] = pooled, [$"Auth__Tokens__{Token}"] = "user-1" },
            TimeSpan.FromMinutes(1));
        await using var directDatabase = AgentRuntimeDatabase.CreatePostgres(direct);
        await directDatabase.MigrateAsync();

        exitCode.Should().Be(2, stdout + stderr);
        stderr.Trim().Should().NotContain("\n").And.Contain("Max Auto Prepare").And.Contain("transaction pooler");
        (stdout + stderr).Should().NotContain("Unhandled").And.NotContain("42P05").And.NotContain("   at ");
        (await directDatabase.GetSchemaVersionAsync()).Should().Be(AgentRuntimeDatabase.LatestSchemaVersion, "connected directly, prepared statements are the server's own business");
    }

    internal static async Task<PostgresCluster> StartOwnClusterAsync(int maxConnections = 400, string serverSettings = "")
    {
        await SharedPostgresCluster.GetAsync(); // the skip-or-fail rule when PostgreSQL is missing
        return await PostgresCluster.StartAsync(PostgresCluster.FindBinDirectory()!, maxConnections, serverSettings);
    }

    private static Dictionary<string, string> Environment(string connectionString, LettaEmulator emulator) => new()
    {
        ["Database__Provider"] = "postgres",
        ["Database__ConnectionString"] = connectionString,
        ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
        [$"Auth__Tokens__{Token}"] = "user-1",
        ["Runtime__TurnWaitTimeout"] = "00:02:00",
        ["RateLimit__Chat__PermitsPerWindow"] = "0",
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
