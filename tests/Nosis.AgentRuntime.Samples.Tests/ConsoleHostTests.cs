using Nosis.AgentRuntime.Samples.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>The README's "run it" command, run as a real process: the console host with no configuration, and against a dead server.</summary>
public sealed class ConsoleHostTests
{
    private string _temp = null!;

    [SetUp]
    public void SetUp() => _temp = Directory.CreateTempSubdirectory("nosis-console-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_temp, recursive: true);

    [Test]
    public async Task Run_WithoutConfiguration_UsesTheEmulatorClaimsOneAgentStreamsAndPrintsTheStoredTranscript()
    {
        var (exitCode, stdout, stderr) = await RunAsync(new Dictionary<string, string?>());

        exitCode.Should().Be(0, stderr);
        stdout.Should().Contain("using the built-in Letta emulator").And.Contain("LETTA_BASE_URL=");
        stdout.Should().Contain($"SQLite at {_temp}");
        stdout.Should().MatchRegex(@"8 concurrent first messages resolved to 1 agent: agent-[0-9a-f-]{36} \(create calls: 1\)");
        stdout.Should().Contain("tool call › current_time");
        stdout.Should().Contain("Stored transcript:").And.Contain("[Completed]");
        stdout.Should().Contain("assistant It is time to build");
        stdout.Should().MatchRegex(@"Both threads use agent agent-[0-9a-f-]{36}, in Letta conversations conv-[0-9a-f-]{36} and conv-[0-9a-f-]{36}\.");
        stdout.Should().Contain("The agent's memory seen from Thread B: human = \"Favourite drink: green tea.\"", "what thread A wrote to the shared agent's memory is visible from thread B");
    }

    [Test]
    public async Task Run_WithAnUnreachableServer_PrintsOneClearLineAndExitsWithCode2()
    {
        var (exitCode, stdout, stderr) = await RunAsync(new Dictionary<string, string?>
        {
            ["LETTA_BASE_URL"] = $"http://127.0.0.1:{WorkerHostProcess.FreeLoopbackPort()}",
            ["LETTA_API_KEY"] = "sk-console-SECRET-42",
        });

        exitCode.Should().Be(2);
        stderr.Trim().Split('\n').Should().ContainSingle().Which.Should().StartWith("Could not use the Letta server").And.Contain("could not be reached");
        (stdout + stderr).Should().NotContain("   at ").And.NotContain("sk-console-SECRET-42");
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(Dictionary<string, string?> environment) =>
        SampleProcess.RunAsync(
            "Nosis.AgentRuntime.Samples.ConsoleHost",
            [],
            new Dictionary<string, string?>(environment) { ["TMPDIR"] = _temp },
            TimeSpan.FromSeconds(60));
}
