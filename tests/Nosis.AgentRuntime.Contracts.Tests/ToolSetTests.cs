using System.Text.Json;
using Nosis.AgentRuntime.Execution;

namespace Nosis.AgentRuntime.Contracts.Tests;

public class ToolSetTests
{
    [Test]
    public async Task DisposeAsync_CalledConcurrently_ReleasesExactlyOnce()
    {
        var tools = new CountingToolSet();

        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => tools.DisposeAsync().AsTask())));

        tools.Releases.Should().Be(1);
        tools.IsReleased.Should().BeTrue();
    }

    [Test]
    public async Task DisposeAsync_ReleaseThrows_FirstDisposeThrowsAndLaterOnesDoNothing()
    {
        var tools = new CountingToolSet { ThrowOnRelease = true };

        var first = async () => await tools.DisposeAsync();
        await first.Should().ThrowAsync<InvalidOperationException>();
        await tools.DisposeAsync();

        tools.Releases.Should().Be(1);
    }

    [Test]
    public async Task Empty_HasNoToolsAndAnswersCallsWithAnError()
    {
        await using var tools = ToolSet.Empty;

        var result = await tools.InvokeAsync(new ToolCall("call_1", "search", "{}"));

        tools.Tools.Should().BeEmpty();
        result.IsError.Should().BeTrue();
        result.Output.Should().Contain("search");
    }

    [Test]
    public void ToolLoadRequest_CarriesTheTargetsScopesAndOffice()
    {
        var request = new ToolLoadRequest(new ConversationRuntime("c_1", "u_1", "o_1", executionTarget: ExecutionTarget.Local));

        request.Scopes.Should().Equal(ToolScope.Global, ToolScope.Local);
        request.OfficeId.Should().Be("o_1");
        request.UserId.Should().Be("u_1");
    }

    [Test]
    public void ToolResult_Factories_SetTheErrorFlag()
    {
        ToolResult.Success("ok").IsError.Should().BeFalse();
        ToolResult.Error("boom").Should().Be(new ToolResult("boom", IsError: true));
    }

    private sealed class CountingToolSet : ToolSet
    {
        private int _releases;

        public bool ThrowOnRelease { get; init; }

        public int Releases => _releases;

        public override IReadOnlyList<ToolDefinition> Tools { get; } =
            [new("echo", "Echoes its input.", JsonDocument.Parse("""{"type":"object"}""").RootElement)];

        public override Task<ToolResult> InvokeAsync(ToolCall call, CancellationToken cancellationToken = default) =>
            Task.FromResult(ToolResult.Success(call.ArgumentsJson));

        protected override async ValueTask ReleaseAsync()
        {
            Interlocked.Increment(ref _releases);
            await Task.Yield();
            if (ThrowOnRelease)
            {
                throw new InvalidOperationException("release failed");
            }
        }
    }
}
