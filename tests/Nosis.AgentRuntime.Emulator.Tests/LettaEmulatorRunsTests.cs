using System.Net;
using System.Text.Json.Nodes;
using Nosis.AgentRuntime.Fixtures;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Emulator.Tests;

/// <summary>Background runs as Letta serves them, read through the runtime's own client over real HTTP.</summary>
public sealed class LettaEmulatorRunsTests
{
    private LettaEmulator _emulator = null!;
    private HttpClient _http = null!;
    private LettaClient _client = null!;
    private string _agentId = null!;

    [SetUp]
    public async Task SetUp()
    {
        _emulator = await LettaEmulator.StartNewAsync();
        _http = new HttpClient();
        _client = new LettaClient(_http, new LettaOptions { BaseUrl = _emulator.BaseUrl });
        _agentId = (await _client.CreateAgentAsync(new LettaCreateAgentRequest { Name = "runs" })).Id;
    }

    [TearDown]
    public async Task TearDown()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Test]
    public async Task BackgroundSend_EveryChunkCarriesTheRunIdAndASequenceIdCountingUpFromOne()
    {
        _emulator.Replies.Enqueue(LettaReply.FromText("one two three"));

        var items = await _client.StreamMessageAsync(_agentId, Background("hi")).ToListAsync();

        var runId = items[0].RunId;
        runId.Should().StartWith("run-");
        var enveloped = items.Where(i => i is LettaPing or LettaAssistantMessage).ToList();
        enveloped.Should().OnlyContain(i => i.RunId == runId && i.SeqId != null);
        enveloped.Select(i => i.SeqId!.Value).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        enveloped[0].SeqId.Should().Be(1, "Letta's Redis writer numbers a run's chunks from 1");
        (await _emulator.WaitForRunEndAsync(runId!)).Status.Should().Be("completed");
    }

    [Test]
    public async Task BackgroundSend_SenderDisconnects_TheRunGoesOnAndCanBeReadWhole()
    {
        var gate = new TaskCompletionSource();
        _emulator.Replies.Enqueue(LettaReply.Create().TextTokens("a", "b").WaitFor(gate.Task).TextTokens("c", "d").Build());
        string? runId = null;
        using (var leave = new CancellationTokenSource())
        {
            await foreach (var item in _client.StreamMessageAsync(_agentId, Background("hi"), leave.Token).WithCancellation(leave.Token))
            {
                runId ??= item.RunId;
                if (item is LettaAssistantMessage)
                {
                    await leave.CancelAsync();
                    break;
                }
            }
        }

        gate.SetResult();
        var run = await _emulator.WaitForRunEndAsync(runId!);

        run.Status.Should().Be("completed");
        var replay = await _client.StreamRunAsync(runId!, null).ToListAsync();
        string.Concat(replay.OfType<LettaAssistantMessage>().Select(m => m.Content)).Should().Be("abcd");
        replay.OfType<LettaStopReason>().Single().StopReason.Should().Be("end_turn");
    }

    [Test]
    public async Task StreamRun_StartingAfter_ContinuesWithTheNextChunkWithNoGapAndNoRepeat()
    {
        _emulator.Replies.Enqueue(LettaReply.Create().TextTokens("a", "b", "c", "d", "e").Build());
        var whole = await _client.StreamMessageAsync(_agentId, Background("hi")).ToListAsync();
        var runId = whole[0].RunId!;
        var cut = whole.OfType<LettaAssistantMessage>().ElementAt(1).SeqId!.Value;

        var rest = await _client.StreamRunAsync(runId, cut).ToListAsync();

        string.Concat(rest.OfType<LettaAssistantMessage>().Select(m => m.Content)).Should().Be("cde");
        rest.OfType<LettaAssistantMessage>().First().SeqId.Should().Be(cut + 1);
    }

    [Test]
    public async Task CancelRuns_ActiveBackgroundRun_EndsItWithTheCancelledStopReason()
    {
        var never = new TaskCompletionSource();
        _emulator.Replies.Enqueue(LettaReply.Create().TextTokens("so ").WaitFor(never.Task).TextTokens("far").Build());
        var reading = _client.StreamMessageAsync(_agentId, Background("hi")).ToListAsync().AsTask();
        var runId = await WaitForActiveRunAsync();

        var answer = await _client.CancelRunsAsync(_agentId, [runId]);
        var items = await reading;

        answer.Should().Equal(new Dictionary<string, string> { [runId] = "cancelled" });
        items.OfType<LettaStopReason>().Last().StopReason.Should().Be("cancelled");
        var run = await _client.GetRunAsync(runId);
        run!.Status.Should().Be("cancelled");
        run.StopReason.Should().Be("cancelled");
        run.IsActive.Should().BeFalse();
    }

    [Test]
    public async Task CancelRuns_NoActiveRun_Answers409()
    {
        var act = () => _client.CancelRunsAsync(_agentId, []);

        (await act.Should().ThrowAsync<LettaApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task ListRuns_FiltersByAgentBackgroundStatusAndActive_NewestFirst()
    {
        var other = (await _client.CreateAgentAsync(new LettaCreateAgentRequest { Name = "other" })).Id;
        _emulator.Replies.Enqueue(LettaReply.FromText("plain"));
        await _client.StreamMessageAsync(_agentId, LettaMessageRequest.FromUserText("one")).ToListAsync();
        _emulator.Replies.Enqueue(LettaReply.FromText("bg"));
        var background = (await _client.StreamMessageAsync(_agentId, Background("two")).ToListAsync())[0].RunId!;
        await _emulator.WaitForRunEndAsync(background);
        _emulator.Replies.Enqueue(LettaReply.FromText("elsewhere"));
        await _client.StreamMessageAsync(other, Background("three")).ToListAsync();

        var mine = await _client.ListRunsAsync(new LettaRunListQuery { AgentId = _agentId });
        var mineInBackground = await _client.ListRunsAsync(new LettaRunListQuery { AgentId = _agentId, Background = true });
        var active = await _client.ListRunsAsync(new LettaRunListQuery { AgentId = _agentId, Active = true });
        var completed = await _client.ListRunsAsync(new LettaRunListQuery { AgentId = _agentId, Statuses = ["completed"], OldestFirst = true });

        mine.Should().HaveCount(2).And.OnlyContain(r => r.AgentId == _agentId);
        mine[0].Id.Should().Be(background, "newest first by default");
        mineInBackground.Should().ContainSingle().Which.Background.Should().BeTrue();
        active.Should().BeEmpty();
        completed.Should().HaveCount(2);
        completed[1].Id.Should().Be(background);
        var next = await _client.ListRunsAsync(new LettaRunListQuery { AgentId = _agentId, After = mine[0].Id });
        next.Should().ContainSingle().Which.Id.Should().Be(mine[1].Id);
    }

    [Test]
    public async Task StreamRun_RunNotInBackgroundMode_Answers400_UnknownRun_404()
    {
        _emulator.Replies.Enqueue(LettaReply.FromText("plain"));
        var runId = (await _client.StreamMessageAsync(_agentId, LettaMessageRequest.FromUserText("one")).ToListAsync())[0].RunId!;

        var notBackground = () => _client.StreamRunAsync(runId, null).ToListAsync().AsTask();
        var unknown = () => _client.StreamRunAsync("run-00000000-0000-4000-8000-000000000000", null).ToListAsync().AsTask();

        (await notBackground.Should().ThrowAsync<LettaApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.Should().ThrowAsync<LettaApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetRunAsync("run-00000000-0000-4000-8000-000000000000")).Should().BeNull();
    }

    [Test]
    public async Task DroppedBackgroundStream_TheRunGoesOnAndIsResumedFromTheLastSequenceId()
    {
        _emulator.Faults.DropNextStreamAfter(4);
        _emulator.Replies.Enqueue(LettaReply.Create().TextTokens("a", "b", "c", "d", "e", "f").Build());
        var seen = new List<LettaStreamItem>();

        var read = async () =>
        {
            await foreach (var item in _client.StreamMessageAsync(_agentId, Background("hi")))
            {
                seen.Add(item);
            }
        };

        await read.Should().ThrowAsync<HttpRequestException>();
        var runId = seen[0].RunId!;
        var rest = await _client.StreamRunAsync(runId, seen[^1].SeqId).ToListAsync();
        string.Concat(seen.Concat(rest).OfType<LettaAssistantMessage>().Select(m => m.Content)).Should().Be("abcdef");
    }

    [Test]
    public async Task RunAndBackgroundChunks_HaveTheShapesOfTheCorpusFixtures()
    {
        _emulator.Replies.Enqueue(LettaReply.FromText("Hello"));
        var items = await _client.StreamMessageAsync(_agentId, Background("hi")).ToListAsync();
        var runId = items[0].RunId!;
        await _emulator.WaitForRunEndAsync(runId);

        var run = JsonNode.Parse(await _http.GetStringAsync(new Uri(_emulator.BaseUrl, $"/v1/runs/{runId}")));
        var list = JsonNode.Parse(await _http.GetStringAsync(new Uri(_emulator.BaseUrl, $"/v1/runs/?agent_id={_agentId}")));
        using var replay = await _http.PostAsync(new Uri(_emulator.BaseUrl, $"/v1/runs/{runId}/stream"), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        var frames = (await replay.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(f => f.StartsWith("data: {", StringComparison.Ordinal)).Select(f => JsonNode.Parse(f["data: ".Length..])!.AsObject()).ToList();

        FixtureCorpus.ShapeDifference(Body("run-cancelled"), run).Should().BeNull();
        FixtureCorpus.ShapeDifference(Body("runs-list-bare-array"), list).Should().BeNull();
        FixtureCorpus.ShapeDifference(Frame("assistant-token-delta-background"), frames.First(f => (string?)f["message_type"] == "assistant_message")).Should().BeNull();
        FixtureCorpus.ShapeDifference(Frame("ping-background"), frames.First(f => (string?)f["message_type"] == "ping")).Should().BeNull();
        frames.Where(f => f.ContainsKey("seq_id")).Should().OnlyContain(f => f["seq_id"] != null, "a background run's chunks all carry their sequence id");
    }

    private static JsonNode Body(string name) => FixtureCorpus.Bodies.Single(b => b.Name == name).Body;

    private static JsonObject Frame(string name) => FixtureCorpus.Frames.Single(f => f.Name == name).Frame;

    private static LettaMessageRequest Background(string text) => LettaMessageRequest.FromUserText(text) with { Background = true };

    private async Task<string> WaitForActiveRunAsync()
    {
        while (true)
        {
            var active = await _client.ListRunsAsync(new LettaRunListQuery { AgentId = _agentId, Active = true });
            if (active.Count > 0)
            {
                return active[0].Id;
            }

            await Task.Delay(20);
        }
    }
}
