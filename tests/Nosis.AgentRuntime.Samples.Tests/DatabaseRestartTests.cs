using System.Net;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>A PostgreSQL restart between requests costs no request once the server is back: dead pooled connections are replaced.</summary>
[NonParallelizable]
public sealed class DatabaseRestartTests
{
    private const string Token = "restart-token";

    [Test]
    public async Task PostgresRestartedBetweenRequests_EveryReadAndTurnAfterwardsSucceeds()
    {
        await using var cluster = await ManyWorkersTests.StartOwnClusterAsync();
        await using var emulator = await LettaEmulator.StartNewAsync();
        await using var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgres",
            ["Database__ConnectionString"] = await cluster.CreateDatabaseAsync("restart"),
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "user-1",
            ["RateLimit__Chat__PermitsPerWindow"] = "0",
        });
        using var client = new WorkerClient(worker.BaseUrl, Token);
        var ids = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i => (await client.CreateConversationAsync(new { title = $"Restart {i}" })).GetProperty("id").GetString()!));
        // Concurrent turns leave several connections idle in the pool, each to die with the restart.
        (await Task.WhenAll(ids.Select(id => client.PostAsync($"/api/conversations/{id}/chat", new { content = "before" })))).Should().OnlyContain(r => r.Status == HttpStatusCode.OK);
        foreach (var id in ids)
        {
            await WorkerHostEndToEndTests.WaitForMessagesAsync(client, id, 2);
        }

        await cluster.StopServerAsync();
        await cluster.StartServerAsync();
        var responses = new List<(string Request, WorkerResponse Response)> { ("list", await client.GetAsync("/api/conversations")) };
        foreach (var id in ids)
        {
            responses.Add(("read", await client.GetAsync($"/api/conversations/{id}")));
            responses.Add(("messages", await client.GetAsync($"/api/conversations/{id}/messages")));
        }

        responses.AddRange((await Task.WhenAll(ids.Select(id => client.PostAsync($"/api/conversations/{id}/chat", new { content = "after" })))).Select(r => ("turn", r)));

        responses.Where(r => r.Response.Status != HttpStatusCode.OK).Select(r => $"{r.Request}: {(int)r.Response.Status} {r.Response.Text}").Should().BeEmpty();
        foreach (var id in ids)
        {
            (await WorkerHostEndToEndTests.WaitForMessagesAsync(client, id, 4)).Should().HaveCount(4);
        }

        worker.Output.Should().NotContain("Unhandled failure");
    }
}
