using System.IO.Pipelines;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Tests.Streaming;

/// <summary>Issue 13, item 4: a response write that makes no progress ends the reply instead of holding it for ever.</summary>
public sealed class WriteStallTests
{
    [Test]
    public async Task WriteAsync_ClientNeverReads_FailsWithTimeoutOnceTheFlushMakesNoProgress()
    {
        var pipe = SmallPipe();
        await using var writer = new UiMessageStreamWriter(pipe.Writer) { WriteStallTimeout = TimeSpan.FromMilliseconds(300) };

        var act = async () =>
        {
            await writer.WriteAsync(new StepStartEvent());
            await writer.WriteAsync(new TextDeltaEvent("p", new string('x', 4096)));
            await writer.WriteAsync(new TextDeltaEvent("p", "more"));
        };

        (await act.Should().ThrowAsync<TimeoutException>()).Which.Message.Should().Contain("read nothing");
        writer.IsCompleted.Should().BeTrue("nothing more is written to a client that stalled");
    }

    [Test]
    public async Task WriteAsync_ClientReadsSteadilyThroughATinyBuffer_Completes()
    {
        var pipe = SmallPipe();
        var reading = Task.Run(async () =>
        {
            while (true)
            {
                var read = await pipe.Reader.ReadAsync();
                pipe.Reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }
            }
        });
        await using (var writer = new UiMessageStreamWriter(pipe.Writer) { WriteStallTimeout = TimeSpan.FromSeconds(30) })
        {
            await writer.WriteAsync(new StepStartEvent());
            await writer.WriteAsync(new TextDeltaEvent("p", new string('x', 4096)));
            await writer.CompleteAsync();
            writer.IsCompleted.Should().BeTrue();
        }

        await pipe.Writer.CompleteAsync();
        await reading;
    }

    private static Pipe SmallPipe() => new(new PipeOptions(pauseWriterThreshold: 16, resumeWriterThreshold: 8, useSynchronizationContext: false));
}
