using Nosis.AgentRuntime.AppServer.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator.AppServer;
using Nosis.AgentRuntime.Emulator.Models;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>The console sample with <c>Letta:Backend=AppServer</c>, as a real process, against Letta's real App Server and a scripted model.</summary>
public sealed class ConsoleHostAppServerTests
{
    [Test]
    public async Task Run_OnTheAppServer_ClaimsOneAgentRunsTheHostToolAndPrintsTheStoredTranscript()
    {
        var (node, letta) = AppServerInstall.Require();
        var temp = Directory.CreateTempSubdirectory("nosis-console-appserver-").FullName;
        try
        {
            await using var model = await ScriptedModelServer.StartAsync();
            await using var server = await LettaAppServerProcess.StartAsync(new LettaAppServerOptions
            {
                NodePath = node, LettaScriptPath = letta, ModelBaseUrl = model.BaseUrl, ModelId = model.ModelId,
            });
            model.Enqueue(new ScriptedReply().Reasoning("The user wants the time.").ToolCall("current_time", "{}", "call_time"))
                .Enqueue(new ScriptedReply().Text("It is time to build on the App Server."));

            var (exitCode, stdout, stderr) = await SampleProcess.RunAsync(
                "Nosis.AgentRuntime.Samples.ConsoleHost",
                [],
                new Dictionary<string, string?>
                {
                    ["TMPDIR"] = temp,
                    ["Letta__Backend"] = "AppServer",
                    ["Letta__AppServer__Url"] = server.Url.ToString(),
                    ["Letta__AppServer__Model"] = server.ModelHandle,
                },
                TimeSpan.FromSeconds(120));

            exitCode.Should().Be(0, stderr + "\n" + server.Diagnostics);
            stdout.Should().Contain($"Letta: the App Server at {server.Url}").And.NotContain("emulator");
            stdout.Should().MatchRegex(@"8 concurrent first messages resolved to 1 agent: agent-local-[0-9a-f-]{36} \(create calls: 1\)");
            stdout.Should().Contain("tool call › current_time");
            stdout.Should().Contain("It is time to build on the App Server.");
            stdout.Should().MatchRegex(@"Both threads use agent agent-local-[0-9a-f-]{36}, in Letta conversations local-conv-\d+ and local-conv-\d+\.");
            stdout.Should().Contain("Stored transcript:").And.Contain("assistant It is time to build on the App Server. [Completed]");
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }
}
