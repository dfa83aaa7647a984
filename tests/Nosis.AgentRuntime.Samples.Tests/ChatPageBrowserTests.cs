using System.Text.Json;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Tests;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>The worker's useChat page in headless chromium (puppeteer-core), against the real worker process and the Letta emulator.</summary>
/// <remarks>Screenshots of every step are written to artifacts/screenshots/chat-page/.</remarks>
[NonParallelizable]
public sealed class ChatPageBrowserTests
{
    private const string Token = "browser-token";
    private const string FullReply = "Hello! This reply streams in word by word from the emulator.";
    private const string RegeneratedReply = "A regenerated answer replaces the failed one.";
    private const string OtherOriginReply = "Hello, other origin.";
    private static readonly string LongStory = string.Join(' ', Enumerable.Range(1, 300).Select(i => $"word{i}"));
    private static readonly string ResumedStory = string.Join(' ', Enumerable.Range(1, 150).Select(i => $"part{i}"));

    [Test]
    public async Task ChatPage_StreamToolStopReloadErrorRegenerateResumeAndCors_BehaveAsUseChatShowsThem()
    {
        var chromium = Chromium.Require();
        var node = NodeInterop.RequireNodeWith("puppeteer-core");
        var pageDir = Chromium.RequireChatPage();
        var artifacts = Path.Combine(NodeInterop.InteropDirectory, "..", "..", "artifacts", "screenshots", "chat-page");
        Directory.CreateDirectory(artifacts);
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var emulator = await LettaEmulator.StartNewAsync();
        emulator.Faults.TrickleDelay = TimeSpan.FromMilliseconds(40);
        emulator.Replies.Enqueue(LettaReply.FromText(FullReply));
        emulator.Replies.Enqueue(LettaReply.Create().ClientToolCall("current_time", "{}").Text("That is the current time.").Build());
        emulator.Replies.Enqueue(LettaReply.FromText(LongStory));
        emulator.Replies.Enqueue(LettaReply.Create().Text("Partial ").Error("llm_error", "The model provider failed.").Build());
        emulator.Replies.Enqueue(LettaReply.FromText(RegeneratedReply));
        emulator.Replies.Enqueue(LettaReply.FromText(ResumedStory));
        emulator.Replies.Enqueue(LettaReply.FromText(OtherOriginReply));
        var allowedPort = WorkerHostProcess.FreeLoopbackPort();
        var refusedPort = WorkerHostProcess.FreeLoopbackPort();
        await using var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "browser-user",
            ["Cors__AllowedOrigins__0"] = $"http://127.0.0.1:{allowedPort}",
        });
        var settings = JsonSerializer.Serialize(new
        {
            chromium,
            worker = worker.BaseUrl.ToString().TrimEnd('/'),
            token = Token,
            allowedPort,
            refusedPort,
            pageDir,
            artifacts = Path.GetFullPath(artifacts),
        });

        var (exitCode, stdout, stderr) = await NodeInterop.RunAsync(node, "chat-page.mjs", TimeSpan.FromSeconds(120), settings);

        exitCode.Should().Be(0, stderr);
        var seen = JsonDocument.Parse(stdout).RootElement;
        seen.TryGetProperty("failure", out var failure).Should().BeFalse(failure.ToString() + "\n" + worker.Output);
        var partial = seen.GetProperty("partial").GetString();
        partial.Should().NotBeNullOrEmpty().And.NotBe(FullReply, "the page shows the reply while it streams");
        FullReply.Should().StartWith(partial);
        seen.GetProperty("streamed").GetString().Should().Be(FullReply);

        var tool = seen.GetProperty("tool").EnumerateArray().Should().ContainSingle().Subject;
        tool.GetProperty("name").GetString().Should().Be("current_time");
        tool.GetProperty("state").GetString().Should().Be("output-available");
        tool.GetProperty("output").GetString().Should().MatchRegex(@"→ \d{4}-\d\d-\d\dT");

        var afterStop = seen.GetProperty("afterStop").GetString()!;
        afterStop.Should().NotBeEmpty().And.NotBe(LongStory, "stop ends the reply mid-way");
        var live = Transcript(seen.GetProperty("live"));
        var reloaded = Transcript(seen.GetProperty("reloaded"));
        reloaded.Select(m => (m.Id, m.Role)).Should().Equal(live.Select(m => (m.Id, m.Role)), "a reload gets the same messages back, with their ids");
        reloaded.Select(m => m.Tools).Should().Equal(live.Select(m => m.Tools), "tool parts survive a reload");
        reloaded.Take(5).Select(m => m.Text).Should().Equal(live.Take(5).Select(m => m.Text));
        reloaded[5].Text.Should().StartWith(afterStop).And.NotBe(LongStory);
        reloaded[5].Marker.Should().Be("stopped");
        reloaded.Take(5).Select(m => m.Marker).Should().OnlyContain(m => m.Length == 0);

        seen.GetProperty("error").GetString().Should().Contain("could not finish its reply");

        var regenerated = Transcript(seen.GetProperty("regeneratedLive"));
        var regeneratedReloaded = Transcript(seen.GetProperty("regeneratedReloaded"));
        regenerated.Count(m => m.Role == "assistant").Should().Be(4, "regenerate replaces the failed reply instead of adding one");
        regenerated[^1].Text.Should().Be(RegeneratedReply);
        regeneratedReloaded.Select(m => (m.Id, m.Text)).Should().Equal(regenerated.Select(m => (m.Id, m.Text)), "the store holds the replacement, not both replies");

        // Reload mid-reply: the reply continues in place, as one message, and is the one stored.
        var beforeReload = seen.GetProperty("beforeReload").GetString()!;
        beforeReload.Should().NotBe(ResumedStory, "the page was reloaded mid-reply");
        ResumedStory.Should().StartWith(seen.GetProperty("resumedPartial").GetString()!, "after the reload the page shows the reply while it still streams");
        var resumed = Transcript(seen.GetProperty("resumed"));
        resumed.Select(m => (m.Role, m.Text)).Should().Equal(("user", "Tell me a story and I will reload"), ("assistant", ResumedStory));
        resumed[1].Id.Should().Be(seen.GetProperty("resumedStoredId").GetString(), "the resumed message is the reply the worker stored");

        var allowed = seen.GetProperty("allowedOrigin");
        allowed.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        Transcript(allowed.GetProperty("transcript"))[^1].Text.Should().Be(OtherOriginReply);
        var refused = seen.GetProperty("refusedOrigin");
        refused.GetProperty("error").GetString().Should().NotBeNullOrEmpty();
        refused.GetProperty("console").EnumerateArray().Select(e => e.GetString()).Should().Contain(e => e!.Contains("CORS", StringComparison.Ordinal));
        Directory.GetFiles(artifacts, "*.png").Should().HaveCount(9);
    }

    private static List<ShownMessage> Transcript(JsonElement messages) =>
    [
        .. messages.EnumerateArray().Select(m => new ShownMessage(
            m.GetProperty("id").GetString()!,
            m.GetProperty("role").GetString()!,
            string.Concat(m.GetProperty("texts").EnumerateArray().Select(t => t.GetString())),
            m.GetProperty("marker").GetString()!,
            string.Join(";", m.GetProperty("tools").EnumerateArray().Select(t => $"{t.GetProperty("name")}:{t.GetProperty("state")}:{t.GetProperty("output")}")))),
    ];

    private sealed record ShownMessage(string Id, string Role, string Text, string Marker, string Tools);
}
