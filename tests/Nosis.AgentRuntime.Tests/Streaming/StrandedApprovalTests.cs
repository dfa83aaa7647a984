using System.Diagnostics;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>A conversation whose agent still waits for a client tool's result is never stuck, and a busy agent is still busy.</summary>
public sealed class StrandedApprovalTests
{
    [Test]
    public async Task NewTurn_AfterATurnAbandonedMidClientTool_Succeeds()
    {
        await using var harness = await ChatHarness.StartAsync();
        var toolStarted = new TaskCompletionSource();
        harness.Tools.DefineTool(
            new ToolDefinition("get_weather", "Weather for a city.", System.Text.Json.JsonDocument.Parse("{\"type\":\"object\"}").RootElement, ToolScope.Global),
            async (_, token) =>
            {
                toolStarted.SetResult();
                await Task.Delay(Timeout.Infinite, token);
                return ToolResult.Success("never");
            });
        harness.Emulator.Replies.Enqueue(LettaReply.Create().ClientToolCall("get_weather", "{\"city\":\"Oslo\"}", "call_w").Text("never").Build());
        var service = harness.CreateService();

        var first = await service.StartAsync(harness.Request("Weather?"));
        var reading = Task.Run(async () =>
        {
            await foreach (var _ in first)
            {
            }
        });
        await toolStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await first.DisposeAsync(); // the tab closes while the client tool runs
        (await first.Completion).Should().Be(ReplyCompletion.Aborted);
        await reading.ContinueWith(_ => { }, TaskScheduler.Default);

        (await harness.Letta.GetPendingApprovalAsync(harness.AgentId)).Should().BeNull("the abandoned turn answered the call before it released the conversation");
        harness.Emulator.Replies.Enqueue(LettaReply.FromText("Hello again."));
        var second = await service.StreamAsync(harness.Request("Hello?")).ToListAsync();

        string.Concat(second.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Hello again.");
        second.OfType<ErrorEvent>().Should().BeEmpty();
        harness.Emulator.Requests.Should().NotContain(r => r.StatusCode == 409, "the agent was not left waiting");
    }

    [TestCase(LettaConflictShape.DetailObject)]
    [TestCase(LettaConflictShape.DetailString)]
    public async Task NewTurn_AfterTheProcessOfTheTurnWasKilled_AnswersTheStrandedCallAndSucceeds(LettaConflictShape shape)
    {
        var node = NodeInterop.RequireNodeWith("@letta-ai/letta-client");
        await using var harness = await ChatHarness.StartAsync(o => o.PendingApprovalConflictShape = shape);
        harness.Emulator.Replies.Enqueue(harness.AgentId, LettaReply.Create().ClientToolCall("get_weather", "{\"city\":\"Oslo\"}", "call_killed").Text("never").Build());
        await StrandInKilledProcessAsync(node, harness);
        (await harness.Letta.GetPendingApprovalAsync(harness.AgentId))!.ToolCalls.Should().Contain(c => c.ToolCallId == "call_killed");

        harness.Emulator.Replies.Enqueue(harness.AgentId, LettaReply.FromText("Back to you."));
        var events = await harness.CreateService().StreamAsync(harness.Request("Are you there?")).ToListAsync();

        string.Concat(events.OfType<TextDeltaEvent>().Select(e => e.Delta)).Should().Be("Back to you.");
        events.OfType<ErrorEvent>().Should().BeEmpty();
        events.OfType<ToolResultEvent>().Should().BeEmpty("the stranded call belongs to no call of this turn");
        harness.Emulator.Requests.Count(r => r.StatusCode == 409).Should().Be(1, "Letta refused the message once, then took the answer and the message together");
        (await harness.Letta.GetPendingApprovalAsync(harness.AgentId)).Should().BeNull();
        (await harness.SavedReplyAsync()).Completion.Should().Be(ReplyCompletion.Completed);
    }

    [Test]
    public async Task Turn_AgentGenuinelyBusyWithAnotherRun_ThrowsAgentBusyException()
    {
        await using var harness = await ChatHarness.StartAsync(o => o.RejectConcurrentSends = true);
        var release = new TaskCompletionSource();
        harness.Emulator.Replies.Enqueue(harness.AgentId, LettaReply.Create().Text("Working").WaitFor(release.Task).Build());
        await using var other = harness.Letta.StreamMessageAsync(harness.AgentId, Nosis.AgentRuntime.Letta.LettaMessageRequest.FromUserText("long job")).GetAsyncEnumerator();
        await other.MoveNextAsync();

        try
        {
            var act = () => harness.CreateService().StartAsync(harness.Request("Hi"));

            var busy = (await act.Should().ThrowAsync<AgentBusyException>()).Which;
            busy.InnerException.Should().BeOfType<Nosis.AgentRuntime.Letta.LettaConflictException>().Which.IsPendingApproval.Should().BeFalse();
            harness.Emulator.SendsTo(harness.AgentId).Should().BeEmpty("the refused turn sent nothing else, and the other run is still going");
        }
        finally
        {
            release.SetResult();
        }
    }

    private static async Task StrandInKilledProcessAsync(string node, ChatHarness harness)
    {
        var start = new ProcessStartInfo(node, [Path.Combine(NodeInterop.InteropDirectory, "strand-approval.mjs"), harness.Emulator.BaseUrl.ToString().TrimEnd('/'), ChatHarness.ApiKey, harness.AgentId])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = NodeInterop.InteropDirectory,
        };
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            line.Should().Be("stranded", await process.StandardError.ReadToEndAsync());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
