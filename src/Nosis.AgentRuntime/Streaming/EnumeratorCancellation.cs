namespace Nosis.AgentRuntime.Streaming;

/// <summary>
/// The one token a hand-written enumerator observes: the token given to the stream's method and the one given to
/// <c>GetAsyncEnumerator</c> (through <c>WithCancellation</c>), combined as a compiler-made iterator with
/// <c>[EnumeratorCancellation]</c> combines them.
/// </summary>
internal sealed class EnumeratorCancellation : IDisposable
{
    private readonly CancellationTokenSource? _linked;

    public EnumeratorCancellation(CancellationToken streamToken, CancellationToken enumeratorToken)
    {
        if (streamToken.CanBeCanceled && enumeratorToken.CanBeCanceled && streamToken != enumeratorToken)
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(streamToken, enumeratorToken);
            Token = _linked.Token;
        }
        else
        {
            Token = streamToken.CanBeCanceled ? streamToken : enumeratorToken;
        }
    }

    public CancellationToken Token { get; }

    public void Dispose() => _linked?.Dispose();
}
