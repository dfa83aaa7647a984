using System.Globalization;

namespace Nosis.AgentRuntime.Streaming;

/// <content>State: which text or reasoning part and which step are open, opening and closing them in the SDK's order, and the usage summed for <c>finish</c>.</content>
public sealed partial class UiMessageStreamWriter
{
    private void WriteDelta(PartKind kind, string partId, string delta)
    {
        if (_openKind != kind || !string.Equals(_openSourceId, partId, StringComparison.Ordinal))
        {
            EnsureStarted();
            if (!_stepOpen)
            {
                OpenStep();
            }

            ClosePart();
            _openKind = kind;
            _openSourceId = partId;
            _openId = (kind == PartKind.Text ? "t" : "r") + (++_partCount).ToString(CultureInfo.InvariantCulture);
            WriteIdChunk(kind == PartKind.Text ? ChunkNames.TextStart : ChunkNames.ReasoningStart, _openId);
        }

        BeginChunk(kind == PartKind.Text ? ChunkNames.TextDelta : ChunkNames.ReasoningDelta);
        _json.WriteString(ChunkNames.Id, _openId);
        _json.WriteString(ChunkNames.Delta, delta);
        EndChunk();
    }

    private void WriteStart(string messageId)
    {
        if (_started)
        {
            throw new InvalidOperationException("The turn start must be the first content event of a stream.");
        }

        _started = true;
        BeginChunk(ChunkNames.Start);
        _json.WriteString(ChunkNames.MessageId, messageId);
        EndChunk();
    }

    private void EnsureStarted()
    {
        if (!_started)
        {
            _started = true;
            BeginChunk(ChunkNames.Start);
            EndChunk();
        }
    }

    private void OpenStep()
    {
        _stepOpen = true;
        BeginChunk(ChunkNames.StartStep);
        EndChunk();
    }

    private void CloseStep()
    {
        ClosePart();
        if (_stepOpen)
        {
            _stepOpen = false;
            BeginChunk(ChunkNames.FinishStep);
            EndChunk();
        }
    }

    private void ClosePart()
    {
        if (_openKind != PartKind.None)
        {
            WriteIdChunk(_openKind == PartKind.Text ? ChunkNames.TextEnd : ChunkNames.ReasoningEnd, _openId!);
            _openKind = PartKind.None;
            _openSourceId = null;
            _openId = null;
        }
    }

    private void AddUsage(UsageEvent usage)
    {
        _model = usage.Model ?? _model;
        _usage = TokenUsageSum.Add(_usage, usage.Usage);
    }
}
