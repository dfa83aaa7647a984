namespace Nosis.AgentRuntime.Streaming;

/// <summary>A host's turn layer as registered through the runtime builder.</summary>
/// <param name="Factory">Wraps the next layer inwards in the host's layer.</param>
internal sealed record ChatTurnLayer(Func<IChatTurnClient, IServiceProvider, IChatTurnClient> Factory)
{
    public IChatTurnClient Create(IChatTurnClient inner, IServiceProvider? services) =>
        Factory(inner, services ?? throw new InvalidOperationException("Host turn layers need the service provider; register them through the runtime builder."));
}
