using System.Runtime.CompilerServices;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>For the recovery layers: streams one step and, when it fails before Letta sent any frame of it, asks for the input to send again, once.</summary>
internal static class StepRetry
{
    /// <remarks>The recover callback returns the input to retry with, or <see langword="null"/> to let the failure through.</remarks>
    public static async IAsyncEnumerable<AgentChatEvent> StreamAsync(
        IChatTurnClient inner,
        ChatTurnContext turn,
        IReadOnlyList<LettaInputItem> input,
        Func<Exception, CancellationToken, Task<IReadOnlyList<LettaInputItem>?>> recover,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stepStarted = false;
        IReadOnlyList<LettaInputItem>? retry = null;
        var events = inner.StreamAsync(turn, input, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            var content = false;
            while (true)
            {
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception exception) when (!content && !cancellationToken.IsCancellationRequested && exception is LettaApiException)
                {
                    retry = await recover(exception, cancellationToken).ConfigureAwait(false);
                    if (retry is null)
                    {
                        throw;
                    }

                    break;
                }

                stepStarted |= events.Current is StepStartEvent;
                content |= events.Current is not StepStartEvent;
                yield return events.Current;
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }

        await foreach (var chatEvent in inner.StreamAsync(turn, retry, cancellationToken).ConfigureAwait(false))
        {
            if (stepStarted && chatEvent is StepStartEvent)
            {
                stepStarted = false; // the step was announced already; the retry is the same step
                continue;
            }

            yield return chatEvent;
        }
    }
}
