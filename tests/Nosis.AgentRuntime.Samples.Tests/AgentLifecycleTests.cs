using System.Diagnostics;
using System.Net;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>Orphans and deletions: the hosted sweeper and conversation deletion leave one live agent per live conversation and none for deleted ones.</summary>
[NonParallelizable]
public sealed class AgentLifecycleTests
{
    private const string Token = "lifecycle-token";

    [Test]
    public async Task AgentLeftByACrashedCreate_IsDeletedByTheHostedSweeperAfterTheGracePeriod()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var emulator = await LettaEmulator.StartNewAsync();
        await using var worker = await StartAsync(database, emulator);
        using var client = new WorkerClient(worker.BaseUrl, Token);
        var id = (await client.CreateConversationAsync(new { title = "Crashed create" })).GetProperty("id").GetString()!;

        // What a process that died between Letta's create and the claim leaves behind: an agent tagged by another create attempt.
        var orphan = emulator.SeedAgent([AgentTags.Runtime, AgentTags.ForConversation(id), AgentTags.CreationPrefix + "dead-process-attempt"]);
        var chat = await client.PostAsync($"/api/conversations/{id}/chat", new { content = "hello" });
        var claimed = (await client.GetAsync($"/api/conversations/{id}")).Json.GetProperty("agent_id").GetString();
        var live = await WaitUntilAsync(() => emulator.LiveAgentsTagged(AgentTags.ForConversation(id)), agents => agents.Count == 1);

        chat.Status.Should().Be(HttpStatusCode.OK);
        claimed.Should().NotBe(orphan);
        live.Select(a => a.Id).Should().Equal(claimed);
    }

    [Test]
    public async Task DeletingAConversation_DeletesItsAgent()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var emulator = await LettaEmulator.StartNewAsync();
        await using var worker = await StartAsync(database, emulator, sweepInterval: "00:00:00");
        using var client = new WorkerClient(worker.BaseUrl, Token);
        var id = (await client.CreateConversationAsync(new { title = "Doomed" })).GetProperty("id").GetString()!;
        var kept = (await client.CreateConversationAsync(new { title = "Kept" })).GetProperty("id").GetString()!;
        (await client.PostAsync($"/api/conversations/{id}/chat", new { content = "hello" })).Status.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync($"/api/conversations/{kept}/chat", new { content = "hello" })).Status.Should().Be(HttpStatusCode.OK);
        emulator.LiveAgentsTagged(AgentTags.ForConversation(id)).Should().ContainSingle();

        var deleted = await client.DeleteAsync($"/api/conversations/{id}");
        var gone = await WaitUntilAsync(() => emulator.LiveAgentsTagged(AgentTags.ForConversation(id)), agents => agents.Count == 0);

        deleted.Status.Should().Be(HttpStatusCode.NoContent);
        gone.Should().BeEmpty("the deletion is scheduled, not left to chance (the sweeper is off here)");
        emulator.LiveAgentsTagged(AgentTags.ForConversation(kept)).Should().ContainSingle("other conversations keep their agents");
    }

    private static Task<WorkerHostProcess> StartAsync(TestDatabase database, LettaEmulator emulator, string sweepInterval = "00:00:00.500") =>
        WorkerHostProcess.StartAsync(new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "user-1",
            ["Runtime__OrphanSweepInterval"] = sweepInterval,
            ["Runtime__OrphanGracePeriod"] = "00:00:02",
        });

    private static async Task<T> WaitUntilAsync<T>(Func<T> read, Func<T, bool> done)
    {
        var waited = Stopwatch.StartNew();
        var value = read();
        while (!done(value) && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
            value = read();
        }

        return value;
    }
}
