using System.Text.Json;
using System.Threading.Channels;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>The frames of one runtime, in arrival order, for the one turn that reads them; ends with the connection's failure if it drops.</summary>
internal sealed class RuntimeListener : IDisposable
{
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Action<RuntimeListener> _onDispose;

    public RuntimeListener(RuntimeScope scope, long generation, Action<RuntimeListener> onDispose)
    {
        Scope = scope;
        Generation = generation;
        _onDispose = onDispose;
    }

    /// <summary>Gets the runtime listened to.</summary>
    public RuntimeScope Scope { get; }

    /// <summary>Gets the connection generation the listener was opened on; a frame of another one never reaches it.</summary>
    public long Generation { get; }

    /// <summary>Gets the frames.</summary>
    public ChannelReader<JsonElement> Frames => _frames.Reader;

    /// <summary>Adds a frame; called by the connection's reader only.</summary>
    public void Post(JsonElement frame) => _frames.Writer.TryWrite(frame);

    /// <summary>Ends the frames with <paramref name="reason"/>.</summary>
    public void Fail(Exception reason) => _frames.Writer.TryComplete(reason);

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        _frames.Writer.TryComplete();
        _onDispose(this);
    }
}
