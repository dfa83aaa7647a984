namespace Nosis.AgentRuntime.Letta;

/// <summary>The two faces of Letta the runtime can talk to.</summary>
public enum LettaBackend
{
    /// <summary>Letta's V1 REST API (Letta Cloud, or a self-hosted V1 server) at <see cref="LettaOptions.BaseUrl"/>.</summary>
    Cloud,

    /// <summary>Letta's App Server (<c>letta server</c> of <c>@letta-ai/letta-code</c>), one WebSocket; needs the <c>Nosis.AgentRuntime.AppServer</c> package.</summary>
    AppServer,
}
