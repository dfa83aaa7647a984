using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>For the recovery layers: streams one step and, when it fails before Letta sent any frame of it, asks for the input to send again, once.</summary>
/// <remarks>
/// Once the step has content (or the retry has passed its repeated step start) the inner events are passed on untouched:
/// <see cref="IAsyncEnumerator{T}.MoveNextAsync"/> is the inner one's, so the layer costs nothing per token delta.
/// </remarks>
internal sealed class StepRetry : IAsyncEnumerable<AgentChatEvent>
{
    private readonly IChatTurnClient _inner;
    private readonly ChatTurnContext _turn;
    private readonly IReadOnlyList<LettaInputItem> _input;
    private readonly Func<Exception, CancellationToken, Task<IReadOnlyList<LettaInputItem>?>> _recover;
    private readonly CancellationToken _cancellationToken;

    private StepRetry(
        IChatTurnClient inner,
        ChatTurnContext turn,
        IReadOnlyList<LettaInputItem> input,
        Func<Exception, CancellationToken, Task<IReadOnlyList<LettaInputItem>?>> recover,
        CancellationToken cancellationToken)
    {
        _inner = inner;
        _turn = turn;
        _input = input;
        _recover = recover;
        _cancellationToken = cancellationToken;
    }

    /// <remarks>The recover callback returns the input to retry with, or <see langword="null"/> to let the failure through.</remarks>
    public static IAsyncEnumerable<AgentChatEvent> StreamAsync(
        IChatTurnClient inner,
        ChatTurnContext turn,
        IReadOnlyList<LettaInputItem> input,
        Func<Exception, CancellationToken, Task<IReadOnlyList<LettaInputItem>?>> recover,
        CancellationToken cancellationToken) =>
        new StepRetry(inner, turn, input, recover, cancellationToken);

    public IAsyncEnumerator<AgentChatEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        new Enumerator(this, new EnumeratorCancellation(_cancellationToken, cancellationToken));

    private sealed class Enumerator(StepRetry step, EnumeratorCancellation cancellation) : IAsyncEnumerator<AgentChatEvent>
    {
        private readonly EnumeratorCancellation _cancellation = cancellation;
        private readonly CancellationToken _cancellationToken = cancellation.Token;
        private IAsyncEnumerator<AgentChatEvent> _events =
            step._inner.StreamAsync(step._turn, step._input, cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        private bool _stepStarted;
        private bool _content;
        private bool _retried;

        public AgentChatEvent Current => _events.Current;

        /// <summary>Past the step's start, the inner enumerator's own move.</summary>
        public ValueTask<bool> MoveNextAsync() => _content && !(_retried && _stepStarted) ? _events.MoveNextAsync() : MoveBeforeContentAsync();

        public async ValueTask DisposeAsync()
        {
            try
            {
                await _events.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                _cancellation.Dispose();
            }
        }

        private async ValueTask<bool> MoveBeforeContentAsync()
        {
            while (true)
            {
                bool moved;
                try
                {
                    moved = await _events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (!_retried && !_content && !_cancellationToken.IsCancellationRequested && exception is LettaApiException)
                {
                    var retry = await step._recover(exception, _cancellationToken).ConfigureAwait(false);
                    if (retry is null)
                    {
                        throw;
                    }

                    await _events.DisposeAsync().ConfigureAwait(false);
                    _events = step._inner.StreamAsync(step._turn, retry, _cancellationToken).GetAsyncEnumerator(_cancellationToken);
                    _retried = true;
                    continue;
                }

                if (!moved)
                {
                    return false;
                }

                var isStepStart = _events.Current is StepStartEvent;
                if (_retried && _stepStarted && isStepStart)
                {
                    _stepStarted = false; // the step was announced already; the retry is the same step
                    continue;
                }

                _stepStarted |= !_retried && isStepStart;
                _content |= !isStepStart;
                return true;
            }
        }
    }
}
