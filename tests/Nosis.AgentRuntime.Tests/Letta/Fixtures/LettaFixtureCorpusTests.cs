using System.Text.Json.Nodes;
using Nosis.AgentRuntime.Fixtures;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Tests.Letta.Fixtures;

/// <summary>The client reads every frame and body of the Letta fixture corpus, served over real HTTP, into the right typed item.</summary>
public sealed class LettaFixtureCorpusTests
{
    private const string AgentId = "agent-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    private const string ConversationId = "conv-7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    private FixtureServer _server = null!;
    private HttpClient _http = null!;
    private LettaClient _client = null!;

    public static IEnumerable<LettaFrameFixture> Frames => FixtureCorpus.Frames;

    public static IEnumerable<LettaBodyFixture> Bodies => FixtureCorpus.Bodies;

    [OneTimeSetUp]
    public async Task StartServer()
    {
        _server = await FixtureServer.StartAsync();
        _http = new HttpClient();
        _client = new LettaClient(_http, new LettaOptions { BaseUrl = _server.BaseUrl, RequestTimeout = TimeSpan.FromSeconds(10) });
    }

    [OneTimeTearDown]
    public async Task StopServer()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Test]
    public void Corpus_HasAtLeastFortyFixtures_EachNamingItsLettaSource()
    {
        var all = FixtureCorpus.Frames.Select(f => (f.Name, f.Source)).Concat(FixtureCorpus.Bodies.Select(b => (b.Name, b.Source))).ToList();

        all.Should().HaveCountGreaterThanOrEqualTo(40);
        all.Select(f => f.Name).Should().OnlyHaveUniqueItems();
        all.Should().OnlyContain(f => f.Source.Contains("letta", StringComparison.OrdinalIgnoreCase), "every fixture names the Letta source it was taken from");
    }

    [TestCaseSource(nameof(Frames))]
    public async Task StreamFrame_ParsesIntoTheExpectedTypedItem(LettaFrameFixture fixture)
    {
        var sse = fixture.Event is { } name ? $"event: {name}\ndata: {fixture.Frame.ToJsonString()}\n\n" : $"data: {fixture.Frame.ToJsonString()}\n\n";
        _server.Next = (200, "text/event-stream", sse + "data: [DONE]\n\n");

        var items = await _client.StreamMessageAsync(AgentId, LettaMessageRequest.FromUserText("fixture")).ToListAsync();
        if ((string?)fixture.Expect["type"] == "null")
        {
            items.Should().BeEmpty($"the fixture {fixture.Name} is a frame the client skips on purpose");
            return;
        }

        items.Should().ContainSingle($"the fixture {fixture.Name} is one frame");
        FixtureCorpus.Check(items[0], fixture.Expect).Should().BeEmpty($"fixture {fixture.Name} ({fixture.Source})");
    }

    [TestCaseSource(nameof(Bodies))]
    public async Task ResponseBody_ParsesIntoTheExpectedResultOrError(LettaBodyFixture fixture)
    {
        _server.Next = (fixture.Status, "application/json", fixture.Body.ToJsonString());

        object? outcome;
        try
        {
            outcome = fixture.Route switch
            {
                "pending" => await _client.GetPendingApprovalAsync(AgentId),
                "conversation" => await _client.GetConversationAsync(ConversationId),
                "conversation-stream" => await _client.StreamConversationMessageAsync(ConversationId, LettaMessageRequest.FromUserText("fixture")).ToListAsync(),
                "conversation-cancel" => await CancelAsync(),
                "run" => await _client.GetRunAsync("run-5b6c1d2e-8f90-4a1b-9c2d-3e4f5a6b7c8d"),
                "runs" => await _client.ListRunsAsync(new LettaRunListQuery { AgentId = AgentId }),
                "cancel" => await _client.CancelRunsAsync(AgentId, []),
                "run-stream" => await _client.StreamRunAsync("run-5b6c1d2e-8f90-4a1b-9c2d-3e4f5a6b7c8d", 3).ToListAsync(),
                "deploy" => await new LettaClient(_http, new LettaOptions { BaseUrl = _server.BaseUrl, MaxDeployRetries = 0 })
                    .StreamMessageAsync(AgentId, LettaMessageRequest.FromUserText("fixture")).ToListAsync(),
                _ => await _client.StreamMessageAsync(AgentId, LettaMessageRequest.FromUserText("fixture")).ToListAsync(),
            };
        }
        catch (LettaApiException exception)
        {
            outcome = exception;
        }

        FixtureCorpus.Check(outcome, fixture.Expect).Should().BeEmpty($"fixture {fixture.Name} ({fixture.Source})");
    }

    [Test]
    public void Corpus_ShapeCheck_CatchesAMissingField()
    {
        var frame = FixtureCorpus.Frames.First(f => f.Name == "tool-return-parallel").Frame;
        var drifted = (JsonObject)frame.DeepClone();
        drifted.Remove("tool_returns");

        FixtureCorpus.ShapeDifference(frame, drifted).Should().Contain("missing [tool_returns]");
        FixtureCorpus.ShapeDifference(frame, frame.DeepClone()).Should().BeNull();
    }

    private async Task<object?> CancelAsync()
    {
        await _client.CancelConversationAsync(ConversationId);
        return null;
    }
}
