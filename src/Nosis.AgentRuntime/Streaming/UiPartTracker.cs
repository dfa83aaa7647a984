using System.Globalization;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Which step and which text or reasoning part of a UI message stream are open, opening and closing them in the AI SDK's order.</summary>
/// <remarks>A step opens by itself before the first content; every text and reasoning part gets a fresh id (<c>t1</c>, <c>r2</c>, …).</remarks>
internal sealed class UiPartTracker(UiChunkWriter chunks)
{
    private bool _started;
    private bool _stepOpen;
    private UiPartKind _openKind;
    private string? _openSourceId;
    private string? _openId;
    private int _partCount;

    /// <summary>Writes a delta, opening its part first when it is not the open one (another kind or another source id).</summary>
    public void WriteDelta(UiPartKind kind, string partId, string delta)
    {
        if (_openKind != kind || !string.Equals(_openSourceId, partId, StringComparison.Ordinal))
        {
            BeginContent();
            _openKind = kind;
            _openSourceId = partId;
            _openId = NewPartId(kind == UiPartKind.Text ? "t" : "r");
            chunks.WriteWithId(kind == UiPartKind.Text ? ChunkNames.TextStart : ChunkNames.ReasoningStart, _openId);
        }

        chunks.Begin(kind == UiPartKind.Text ? ChunkNames.TextDelta : ChunkNames.ReasoningDelta);
        chunks.Json.WriteString(ChunkNames.Id, _openId);
        chunks.Json.WriteString(ChunkNames.Delta, delta);
        chunks.End();
    }

    /// <summary>An empty reasoning part whose <c>providerMetadata.letta</c> says it is hidden and why: the UI shows reasoning happened, with no text.</summary>
    public void WriteHiddenReasoning(string state)
    {
        BeginContent();
        var id = NewPartId("r");
        chunks.Begin(ChunkNames.ReasoningStart);
        chunks.Json.WriteString(ChunkNames.Id, id);
        chunks.Json.WriteStartObject(ChunkNames.ProviderMetadata);
        chunks.Json.WriteStartObject(ChunkNames.Letta);
        chunks.Json.WriteBoolean(ChunkNames.Hidden, true);
        chunks.Json.WriteString(ChunkNames.State, state);
        chunks.Json.WriteEndObject();
        chunks.Json.WriteEndObject();
        chunks.End();
        chunks.WriteWithId(ChunkNames.ReasoningEnd, id);
    }

    /// <summary>A <c>data-compaction</c> part with a fresh id: Letta compacted the context window, and the page can say so.</summary>
    public void WriteCompaction(CompactionEvent compaction)
    {
        BeginContent();
        chunks.Begin(CompactionPart.EncodedType);
        chunks.Json.WriteString(ChunkNames.Id, NewPartId("c"));
        CompactionPart.WriteData(chunks.Json, compaction);
        chunks.End();
    }

    /// <exception cref="InvalidOperationException">Something was written before.</exception>
    public void WriteStart(string messageId)
    {
        if (_started)
        {
            throw new InvalidOperationException("The turn start must be the first content event of a stream.");
        }

        _started = true;
        chunks.Begin(ChunkNames.Start);
        chunks.Json.WriteString(ChunkNames.MessageId, messageId);
        chunks.End();
    }

    /// <summary>Writes <c>start</c> (without a message id) unless the stream has started.</summary>
    public void EnsureStarted()
    {
        if (!_started)
        {
            _started = true;
            chunks.Write(ChunkNames.Start);
        }
    }

    /// <summary>Makes sure the stream and a step are open and no text or reasoning part is, before content of another kind.</summary>
    public void BeginContent()
    {
        EnsureStarted();
        if (!_stepOpen)
        {
            OpenStep();
        }

        ClosePart();
    }

    /// <summary>Closes the open step, if any, and opens a new one.</summary>
    public void StartStep()
    {
        EnsureStarted();
        CloseStep();
        OpenStep();
    }

    public void CloseStep()
    {
        ClosePart();
        if (_stepOpen)
        {
            _stepOpen = false;
            chunks.Write(ChunkNames.FinishStep);
        }
    }

    public void ClosePart()
    {
        if (_openKind != UiPartKind.None)
        {
            chunks.WriteWithId(_openKind == UiPartKind.Text ? ChunkNames.TextEnd : ChunkNames.ReasoningEnd, _openId!);
            _openKind = UiPartKind.None;
            _openSourceId = null;
            _openId = null;
        }
    }

    private void OpenStep()
    {
        _stepOpen = true;
        chunks.Write(ChunkNames.StartStep);
    }

    private string NewPartId(string prefix) => prefix + (++_partCount).ToString(CultureInfo.InvariantCulture);
}
