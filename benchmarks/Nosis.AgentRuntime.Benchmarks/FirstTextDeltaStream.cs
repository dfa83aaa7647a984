using System.Diagnostics;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>A write-only sink for the UI message stream that drops the bytes and notes when the first <c>text-delta</c> chunk was written to it.</summary>
/// <remarks><see cref="Streaming.UiMessageStream"/> flushes per event, so the write that carries the first text delta is the moment a host's socket would get it.</remarks>
public sealed class FirstTextDeltaStream : CountingStream
{
    /// <summary>Gets the <see cref="Stopwatch"/> timestamp of the first write holding a <c>text-delta</c> chunk, 0 before it.</summary>
    public long FirstText { get; private set; }

    protected override void OnWrite(ReadOnlySpan<byte> buffer)
    {
        if (FirstText == 0 && buffer.IndexOf("\"type\":\"text-delta\""u8) >= 0)
        {
            FirstText = Stopwatch.GetTimestamp();
        }

        base.OnWrite(buffer);
    }
}
