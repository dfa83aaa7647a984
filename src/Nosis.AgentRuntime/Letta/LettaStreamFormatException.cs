namespace Nosis.AgentRuntime.Letta;

/// <summary>The exception thrown when a Letta stream carries a frame that is not valid JSON.</summary>
/// <remarks>It carries the frame's position and a short, redacted preview, never the whole frame.</remarks>
public sealed class LettaStreamFormatException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="frameIndex">The zero-based index of the bad frame in the stream.</param>
    /// <param name="preview">A short preview of the frame.</param>
    /// <param name="innerException">The JSON error.</param>
    public LettaStreamFormatException(int frameIndex, string preview, Exception? innerException = null)
        : base($"Letta stream frame {frameIndex} is not valid JSON (starts with \"{preview}\").", innerException)
    {
        FrameIndex = frameIndex;
        Preview = preview;
    }

    /// <summary>Gets the zero-based index of the bad frame in the stream.</summary>
    public int FrameIndex { get; }

    /// <summary>Gets a short preview of the frame.</summary>
    public string Preview { get; }
}
