using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator.Tests;

/// <summary>The official <c>@letta-ai/letta-client</c> npm package, driven by tests/interop/letta-client-roundtrip.mjs, against the emulator.</summary>
public sealed class LettaClientInteropTests
{
    private const string ApiKey = "interop-key-456";

    private const string Script = """
        {
          "replies": [
            { "match": "parallel", "steps": [
              { "parallelTools": [
                { "name": "get_time", "arguments": { "zone": "UTC" }, "result": "12:00" },
                { "name": "get_date", "arguments": {}, "result": "2026-08-13" } ] },
              { "text": "It is noon." } ] },
            { "match": "weather", "steps": [
              { "clientTool": { "name": "get_weather", "arguments": { "city": "Oslo" } } },
              { "text": "It is sunny in Oslo." } ] }
          ]
        }
        """;

    [Test]
    public async Task OfficialClient_RoundTrip_WorksAgainstTheEmulator()
    {
        await using var emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { ApiKey = ApiKey });
        LettaReplyScript.Parse(Script).ApplyTo(emulator);
        var result = await RunScriptAsync("letta-client-roundtrip.mjs", emulator, ApiKey);
        var id = (string)result["created"]!["id"]!;
        result["created"]!["blocks"]!.AsArray().Select(b => (string)b!).Should().Equal("human", "persona");
        result["listed"]!.AsArray().Should().ContainSingle().Which!["id"]!.GetValue<string>().Should().Be(id);
        var stream = result["stream"]!;
        stream["assistantDeltas"]!.AsArray().Count.Should().BeGreaterThan(1);
        ((string)stream["assistantText"]!).Should().Be("Echo: Say hello to the interop test.");
        stream["assistantIds"]!.AsArray().Should().ContainSingle();
        ((string)stream["stopReason"]!).Should().Be("end_turn");
        stream["usage"]!["total_tokens"]!.GetValue<int>().Should().BePositive();
        ((string)stream["runId"]!).Should().StartWith("run-");
        var history = result["history"]!.AsArray();
        history.Select(m => (string)m!["message_type"]!).Should().Equal("user_message", "reasoning_message", "assistant_message");
        ((string)history[0]!["otid"]!).Should().Be("interop-otid-1", "Letta keeps the otid a message was sent with");
        ((string)history[0]!["content"]!).Should().Be("Say hello to the interop test.");
        ((string)history[2]!["content"]!).Should().Be("Echo: Say hello to the interop test.", "the history holds the whole reply, not its deltas");
        history.Select(m => (string)m!["run_id"]!).Should().AllBe((string)stream["runId"]!);
        var parallel = result["parallel"]!;
        parallel["callIds"]!.AsArray().Should().HaveCount(2, "two tool calls of one step");
        parallel["returns"]!.AsArray().Select(r => ((string)r!["tool_return"]!, (string)r["status"]!)).Should().Equal(("12:00", "success"), ("2026-08-13", "success"));
        parallel["returns"]!.AsArray().Select(r => (string)r!["tool_call_id"]!).Should().Equal(parallel["callIds"]!.AsArray().Select(c => (string)c!));
        ((string)parallel["topLevel"]!["tool_return"]!).Should().Be("12:00", "the top-level fields repeat the first result");
        var approval = result["approval"]!;
        approval["fragments"]!.GetValue<int>().Should().BeGreaterThan(1, "a token-mode approval request arrives in fragments");
        approval["ids"]!.AsArray().Should().ContainSingle("the fragments share one message id");
        ((string)approval["name"]!).Should().Be("get_weather");
        ((string)approval["arguments"]!).Should().Be("{\"city\":\"Oslo\"}");
        ((string)approval["stopReason"]!).Should().Be("requires_approval");
        ((string)approval["answered"]!["toolReturn"]!).Should().Be("Sunny, 21 C");
        ((string)approval["answered"]!["text"]!).Should().Be("It is sunny in Oslo.");
        result["afterDelete"]!["status"]!.GetValue<int>().Should().Be(404);
        emulator.LiveAgents().Should().BeEmpty();
        emulator.Requests.Should().Contain(r => r.Path == "/v1/agents/" && r.Method == "POST", "the official client creates on the slash path");
    }

    /// <summary>Runs a script of tests/interop against the emulator and returns the JSON it printed; skips (fails under CI) without node or the client.</summary>
    internal static async Task<JsonNode> RunScriptAsync(string script, LettaEmulator emulator, string apiKey)
    {
        var interop = FindInteropDirectory();
        var node = FindNode();
        if (node is null || !Directory.Exists(Path.Combine(interop, "node_modules", "@letta-ai", "letta-client")))
        {
            var reason = "node or tests/interop/node_modules/@letta-ai/letta-client is missing (run npm ci in tests/interop)";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(reason);
            }

            Assert.Ignore(reason);
        }

        var start = new ProcessStartInfo(node!, [Path.Combine(interop, script), emulator.BaseUrl.ToString().TrimEnd('/'), apiKey])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = interop,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0, await stderr);
        return JsonNode.Parse(await stdout)!;
    }

    private static string FindInteropDirectory()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "tests", "interop")))
        {
            directory = directory.Parent;
        }

        return directory is null ? throw new DirectoryNotFoundException("tests/interop not found above the test directory.") : Path.Combine(directory.FullName, "tests", "interop");
    }

    private static string? FindNode()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
