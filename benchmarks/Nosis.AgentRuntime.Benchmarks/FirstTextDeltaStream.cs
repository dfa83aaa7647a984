using System.Diagnostics;

namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>A write-only sink for the UI message stream that drops the bytes and notes when the first <c>text-delta</c> chunk was written to it.</summary>
/// <remarks><see cref="Streaming.UiMessageStream"/> flushes per event, so the write that carries the first text delta is the moment a host's socket would get it.</remarks>
public sealed class FirstTextDeltaStream : Stream
{
    /// <summary>Gets the <see cref="Stopwatch"/> timestamp of the first write holding a <c>text-delta</c> chunk, 0 before it.</summary>
    public long FirstText { get; private set; }

    public long Written { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Written;

    public override long Position
    {
        get => Written;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (FirstText == 0 && buffer.IndexOf("\"type\":\"text-delta\""u8) >= 0)
        {
            FirstText = Stopwatch.GetTimestamp();
        }

        Written += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return default;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }
}
