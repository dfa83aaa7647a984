namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>A write-only sink that drops the bytes and counts them, like <see cref="Stream.Null"/> with a tally.</summary>
/// <remarks>Every write goes through <see cref="OnWrite"/>, which a derived sink may extend to look at the bytes.</remarks>
public class CountingStream : Stream
{
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

    public override void Write(byte[] buffer, int offset, int count) => OnWrite(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => OnWrite(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        OnWrite(buffer.Span);
        return default;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        OnWrite(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    /// <summary>Counts one write's bytes.</summary>
    protected virtual void OnWrite(ReadOnlySpan<byte> buffer) => Written += buffer.Length;
}
