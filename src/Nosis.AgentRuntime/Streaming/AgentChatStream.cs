namespace Nosis.AgentRuntime.Streaming;

/// <summary>The events of one started turn, read as Letta sends them; enumerate once, then dispose.</summary>
/// <remarks>
/// Stopping the enumeration early, cancelling it or disposing the stream aborts the turn: the upstream request is
/// cancelled and the partial reply is saved. Disposal waits until the turn has completed (reply queued for saving, tools
/// released, turn released).
/// </remarks>
public sealed class AgentChatStream : IAsyncEnumerable<AgentChatEvent>, IAsyncDisposable
{
    private readonly RunningTurn _run;
    private int _enumerated;

    internal AgentChatStream(RunningTurn run)
    {
        _run = run;
    }

    /// <summary>Gets the id of the Letta agent that replies.</summary>
    public string AgentId => _run.AgentId;

    /// <summary>Gets the id of the assistant reply, as announced in the stream and stored.</summary>
    public string AssistantMessageId => _run.AssistantMessageId;

    /// <summary>Gets a task that completes with how the turn ended once it has completed.</summary>
    public Task<Contracts.ReplyCompletion> Completion => _run.Completion;

    /// <summary>Gets or sets how long <see cref="UiMessageStream"/> waits for a response write that makes no progress before it abandons the turn.</summary>
    internal TimeSpan WriteStallTimeout { get; set; } = UiMessageStream.DefaultWriteStallTimeout;

    /// <summary>Gets the most events that waited between the Letta reader and the consumer at once.</summary>
    internal int PeakBufferedEvents => _run.PeakBufferedEvents;

    /// <inheritdoc/>
    public IAsyncEnumerator<AgentChatEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A chat stream can be enumerated only once.");
        }

        return new ChatStreamEnumerator(_run, cancellationToken);
    }

    /// <summary>Aborts the turn if it is still running and waits until it has completed.</summary>
    /// <returns>A task that completes once the turn has completed.</returns>
    public ValueTask DisposeAsync() => _run.AbortAndWaitAsync();
}
