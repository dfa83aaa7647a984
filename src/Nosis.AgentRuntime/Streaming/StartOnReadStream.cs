namespace Nosis.AgentRuntime.Streaming;

/// <summary>
/// The events of a turn that starts when they are first read (<see cref="AgentChatService.StreamAsync"/>): once started, its
/// enumerator is the started stream's own, with nothing in between.
/// </summary>
internal sealed class StartOnReadStream(AgentChatService service, AgentChatRequest request, CancellationToken cancellationToken)
    : IAsyncEnumerable<AgentChatEvent>
{
    public IAsyncEnumerator<AgentChatEvent> GetAsyncEnumerator(CancellationToken enumeratorCancellation = default) =>
        new Enumerator(service, request, cancellationToken, enumeratorCancellation);

    private sealed class Enumerator : IAsyncEnumerator<AgentChatEvent>
    {
        private readonly AgentChatService _service;
        private readonly AgentChatRequest _request;
        private readonly EnumeratorCancellation _cancellation;
        private AgentChatStream? _stream;
        private IAsyncEnumerator<AgentChatEvent>? _events;

        public Enumerator(AgentChatService service, AgentChatRequest request, CancellationToken first, CancellationToken second)
        {
            _service = service;
            _request = request;
            _cancellation = new EnumeratorCancellation(first, second);
        }

        public AgentChatEvent Current => _events!.Current;

        public ValueTask<bool> MoveNextAsync() => _events is { } events ? events.MoveNextAsync() : StartAsync();

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (_events is not null)
                {
                    await _events.DisposeAsync().ConfigureAwait(false);
                }

                if (_stream is not null)
                {
                    await _stream.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                _cancellation.Dispose();
            }
        }

        private async ValueTask<bool> StartAsync()
        {
            _stream = await _service.StartAsync(_request, _cancellation.Token).ConfigureAwait(false);
            _events = _stream.GetAsyncEnumerator(_cancellation.Token);
            return await _events.MoveNextAsync().ConfigureAwait(false);
        }
    }
}
