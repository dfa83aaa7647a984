using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Tests;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>The desktop host sample run as a process: a local tool call through the stdio filesystem MCP server, in a workspace folder.</summary>
public sealed class DesktopHostTests
{
    private const string FilesystemServer = "@modelcontextprotocol/server-filesystem";

    private string _temp = null!;

    [SetUp]
    public void SetUp() => _temp = Directory.CreateTempSubdirectory("nosis-desktop-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_temp, recursive: true);

    [Test]
    public async Task Run_OnTheEmulator_ReadsAWorkspaceFileThroughMcpRefusesTheWorkerAndListsTheDesktopThreads()
    {
        NodeInterop.RequireNodeWith(FilesystemServer);
        var workspace = Directory.CreateDirectory(Path.Combine(_temp, "project")).FullName;
        await File.WriteAllTextAsync(Path.Combine(workspace, "notes.md"), "# Notes\nShip the desktop adapter on Friday.\n");
        var server = Path.Combine(NodeInterop.InteropDirectory, "node_modules", FilesystemServer, "dist", "index.js");

        var (exitCode, stdout, stderr) = await SampleProcess.RunAsync(
            "Nosis.AgentRuntime.Samples.DesktopHost",
            ["--workspace", workspace, "--filesystem-server", server],
            new Dictionary<string, string?> { ["TMPDIR"] = _temp },
            TimeSpan.FromSeconds(90));

        exitCode.Should().Be(0, stdout + stderr);
        stdout.Should().Contain("using the built-in Letta emulator");
        stdout.Should().Contain($"tool call › read_text_file({{\"path\":\"{Path.Combine(workspace, "notes.md")}\"}})");
        stdout.Should().Contain("tool result › # Notes\nShip the desktop adapter on Friday.", "the file was read by the filesystem server, rooted at the workspace");
        stdout.Should().Contain("tool call › word_count").And.Contain("tool result › 6");
        stdout.Should().Contain("Worker refuses the local thread: Unsupported execution target 'local' on the worker surface");
        stdout.Should().Contain("[local] Code thread 'Workspace notes' (4 stored messages)", "the refused attempt is kept as its user message and a failed marker");
        stdout.Should().Contain("[sandbox] Chat thread 'Quick question' (2 stored messages)");
        stdout.Should().Contain("Web/worker list (default filter sandbox): 'Quick question'").And.NotContain("Web/worker list (default filter sandbox): 'Quick question', ");
    }
}
