using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator.Tests;

/// <summary>The official <c>@letta-ai/letta-client</c> npm package, driven by tests/interop/letta-client-roundtrip.mjs, against the emulator.</summary>
public sealed class LettaClientInteropTests
{
    private const string ApiKey = "interop-key-456";

    [Test]
    public async Task OfficialClient_RoundTrip_WorksAgainstTheEmulator()
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

        await using var emulator = await LettaEmulator.StartNewAsync(new LettaEmulatorOptions { ApiKey = ApiKey });
        var start = new ProcessStartInfo(node!, [Path.Combine(interop, "letta-client-roundtrip.mjs"), emulator.BaseUrl.ToString().TrimEnd('/'), ApiKey])
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
        var result = JsonNode.Parse(await stdout)!;
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
        result["afterDelete"]!["status"]!.GetValue<int>().Should().Be(404);
        emulator.LiveAgents().Should().BeEmpty();
        emulator.Requests.Should().Contain(r => r.Path == "/v1/agents/" && r.Method == "POST", "the official client creates on the slash path");
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
