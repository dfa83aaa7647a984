using System.Diagnostics.CodeAnalysis;
using Nosis.AgentRuntime.Streaming;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a host's own layer to the turn pipeline of the registered <see cref="AgentChatService"/>.</summary>
[Experimental("NOSIS001")]
public static class NosisAgentRuntimeTurnLayerExtensions
{
    /// <summary>Adds a turn layer between the persistence layer and the client-tool layer.</summary>
    /// <param name="builder">The runtime builder.</param>
    /// <param name="layer">Wraps the next layer inwards, usually in a <see cref="DelegatingChatTurnClient"/>; it must not return <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// Layers added first sit outermost. A layer sees every event of the turn before it is recorded for the stored reply, and
    /// its failures end the reply as failed like any other upstream failure. It is created once, with the service.
    /// </remarks>
    public static INosisAgentRuntimeBuilder AddTurnLayer(this INosisAgentRuntimeBuilder builder, Func<IChatTurnClient, IServiceProvider, IChatTurnClient> layer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(layer);

        builder.Services.AddSingleton(new ChatTurnLayer(layer));
        return builder;
    }
}
