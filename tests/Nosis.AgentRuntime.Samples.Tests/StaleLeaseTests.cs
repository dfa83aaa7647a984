using System.Diagnostics;
using System.Net;
using Nosis.AgentRuntime.Claims;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>No stale locks: a turn whose worker died frees its conversation within 15 s, and a live turn is never overtaken, on SQLite and PostgreSQL.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.Postgres)]
[NonParallelizable]
public sealed class StaleLeaseTests(DatabaseKind kind)
{
    private const string Token = "lease-token";

    [Test]
    public async Task WorkerKilledMidStream_NextTurnOnTheConversationStartsWithin15Seconds()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var emulator = await LettaEmulator.StartNewAsync();
        var environment = Environment(database, emulator);
        var first = await WorkerHostProcess.StartAsync(environment);
        using var client = new WorkerClient(first.BaseUrl, Token);
        var id = (await client.CreateConversationAsync(new { title = "Crashed" })).GetProperty("id").GetString()!;
        var never = new TaskCompletionSource();
        emulator.Replies.Enqueue(LettaReply.Create().Text("Partial words before the crash").WaitFor(never.Task).Text("never sent").Build());

        await using (var stream = await ChatStreamReader.StartAsync(first.BaseUrl, Token, id, "first"))
        {
            (await stream.ReadUntilAsync("\"type\":\"text-delta\"", TimeSpan.FromSeconds(30))).Should().BeTrue(stream.Read);
            await first.DisposeAsync(); // kill -9 while the turn holds the lease
        }

        await using var second = await WorkerHostProcess.StartAsync(environment);
        using var secondClient = new WorkerClient(second.BaseUrl, Token);
        var waited = Stopwatch.StartNew();
        var next = await secondClient.PostAsync($"/api/conversations/{id}/chat", new { content = "second" });
        waited.Stop();

        TestContext.Out.WriteLine($"{kind}: the next turn after the crash started after {waited.Elapsed.TotalSeconds:0.0} s.");
        next.Status.Should().Be(HttpStatusCode.OK, next.Text);
        next.Text.Should().Contain("\"delta\":\"second\"").And.Contain("\"type\":\"finish\"");
        waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        var agent = emulator.LiveAgentsTagged(AgentTags.ForConversation(id)).Should().ContainSingle().Subject;
        emulator.MaxConcurrentSends(agent.Id).Should().Be(1);
    }

    [Test]
    public async Task TurnLongerThanSeveralLeaseDurations_IsNeverOvertakenByAnotherWorker()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var emulator = await LettaEmulator.StartNewAsync();
        var environment = new Dictionary<string, string>(Environment(database, emulator)) { ["Runtime__TurnLeaseDuration"] = "00:00:01" };
        var workers = await Task.WhenAll(WorkerHostProcess.StartAsync(environment), WorkerHostProcess.StartAsync(environment));
        await using var a = workers[0];
        await using var b = workers[1];
        using var client = new WorkerClient(a.BaseUrl, Token);
        var id = (await client.CreateConversationAsync(new { title = "Long turn" })).GetProperty("id").GetString()!;
        emulator.Replies.Enqueue(LettaReply.Create().Text("Slow start").Delay(TimeSpan.FromSeconds(4)).Text("slow end").Build());

        await using var longTurn = await ChatStreamReader.StartAsync(a.BaseUrl, Token, id, "long");
        (await longTurn.ReadUntilAsync("\"type\":\"text-delta\"", TimeSpan.FromSeconds(30))).Should().BeTrue(longTurn.Read);
        using var other = new WorkerClient(b.BaseUrl, Token);
        var waiting = other.PostAsync($"/api/conversations/{id}/chat", new { content = "meanwhile" });
        var longText = await longTurn.ReadToEndAsync(TimeSpan.FromSeconds(30));
        var next = await waiting;

        longText.Should().Contain("\"delta\":\"end\"").And.Contain("\"type\":\"finish\"");
        next.Status.Should().Be(HttpStatusCode.OK, next.Text);
        var agent = emulator.LiveAgentsTagged(AgentTags.ForConversation(id)).Should().ContainSingle().Subject;
        var sends = emulator.SendsTo(agent.Id);
        sends.Should().HaveCount(2);
        sends[0].Overlaps(sends[1]).Should().BeFalse("a live holder's lease is renewed, never taken over");
        emulator.MaxConcurrentSends(agent.Id).Should().Be(1);
    }

    private static Dictionary<string, string> Environment(TestDatabase database, LettaEmulator emulator) => new(database.Environment)
    {
        ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
        [$"Auth__Tokens__{Token}"] = "user-1",
        ["Logging__LogLevel__Default"] = "Warning",
    };
}
