using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>
/// Passes a reply to its client's sink and keeps a whole-message copy for the agent's history; with
/// <see cref="LettaEmulatorOptions.FinishRepliesAfterDisconnect"/> a client that went away only stops the writes.
/// </summary>
internal sealed class HistorySink : IReplySink
{
    private readonly IReplySink _client;
    private readonly CancellationToken _clientAborted;
    private readonly bool _continueWithoutClient;
    private readonly CollectingSink _kept = new();
    private readonly MergingSink _merged;

    public HistorySink(IReplySink client, CancellationToken clientAborted, bool continueWithoutClient)
    {
        _client = client;
        _clientAborted = clientAborted;
        _continueWithoutClient = continueWithoutClient;
        _merged = new MergingSink(_kept);
    }

    /// <summary>Gets why the client stopped receiving, once it has.</summary>
    public ExceptionDispatchInfo? ClientGone { get; private set; }

    /// <summary>Gets the reply's whole messages (no pings, stop reason or usage), in order.</summary>
    public IReadOnlyList<JsonObject> Messages => _kept.Messages;

    public async ValueTask MessageAsync(JsonObject message, bool isDelta, CancellationToken cancellationToken)
    {
        var copy = (JsonObject)message.DeepClone();
        await ToClientAsync(() => _client.MessageAsync(message, isDelta, _clientAborted)).ConfigureAwait(false);
        await _merged.MessageAsync(copy, isDelta, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask ErrorEventAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        await ToClientAsync(() => _client.ErrorEventAsync(payload, _clientAborted)).ConfigureAwait(false);
        await _merged.ErrorEventAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask CancelledAsync(CancellationToken cancellationToken)
    {
        await ToClientAsync(() => _client.CancelledAsync(_clientAborted)).ConfigureAwait(false);
        await _merged.CancelledAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DoneAsync(CancellationToken cancellationToken)
    {
        await ToClientAsync(() => _client.DoneAsync(_clientAborted)).ConfigureAwait(false);
        await _merged.DoneAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask ToClientAsync(Func<ValueTask> write)
    {
        if (ClientGone is not null)
        {
            return;
        }

        try
        {
            await write().ConfigureAwait(false);
        }
        catch (Exception exception) when (_continueWithoutClient && exception is StreamDroppedException or IOException or OperationCanceledException)
        {
            ClientGone = ExceptionDispatchInfo.Capture(exception);
        }
    }
}
