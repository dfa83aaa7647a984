using System.Net;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>Two worker host processes on one PostgreSQL database and one Letta emulator: the claim and the turn lease hold across processes.</summary>
[NonParallelizable]
public sealed class TwoWorkerHostsTests
{
    private const string Token = "shared-token";

    [Test]
    public async Task FirstChats_SplitBetweenTwoProcesses_ResolveToOneAgentAndNeverOverlap()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var emulator = await LettaEmulator.StartNewAsync();
        var environment = new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "user-1",
            ["Runtime__TurnWaitTimeout"] = "00:01:00",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var workers = await Task.WhenAll(WorkerHostProcess.StartAsync(environment), WorkerHostProcess.StartAsync(environment));
        await using var first = workers[0];
        await using var second = workers[1];
        using var a = new WorkerClient(first.BaseUrl, Token);
        using var b = new WorkerClient(second.BaseUrl, Token);
        var id = (await a.CreateConversationAsync(new { title = "Contended" })).GetProperty("id").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            (i % 2 == 0 ? a : b).PostAsync($"/api/conversations/{id}/chat", new { content = $"message {i}" })));

        var succeeded = responses.Where(r => r.Status == HttpStatusCode.OK).ToList();
        TestContext.Out.WriteLine($"{succeeded.Count} of 32 chats streamed, {responses.Length - succeeded.Count} were refused as busy.");
        responses.Should().OnlyContain(r => r.Status == HttpStatusCode.OK || r.Status == HttpStatusCode.Conflict, "a turn either streams or is refused as busy");
        succeeded.Should().NotBeEmpty();
        succeeded.Should().OnlyContain(r => r.MediaType == "text/event-stream" && r.Text.Contains("\"type\":\"finish\"", StringComparison.Ordinal)
            && r.Text.TrimEnd().EndsWith("data: [DONE]", StringComparison.Ordinal));
        var agents = emulator.LiveAgentsTagged(AgentTags.ForConversation(id));
        agents.Should().ContainSingle();
        emulator.CreateCalls.Should().Be(1);
        emulator.MaxConcurrentSends(agents[0].Id).Should().Be(1);
        emulator.SendsTo(agents[0].Id).Should().HaveCount(succeeded.Count);
        (await b.GetAsync($"/api/conversations/{id}")).Json.GetProperty("agent_id").GetString().Should().Be(agents[0].Id);
        var transcript = await WorkerHostEndToEndTests.WaitForMessagesAsync(a, id, 2 * succeeded.Count);
        transcript.Should().HaveCount(2 * succeeded.Count);
    }
}
