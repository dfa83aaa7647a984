namespace Microsoft.Extensions.DependencyInjection;

public static partial class NosisAgentRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Letta client (IHttpClientFactory + Refit + resilience handler), the agent claim and the streaming service.
    /// Called once per <c>AddNosisAgentRuntime</c>, after options, telemetry, error reporter and scheduler are registered;
    /// every registration made here must use TryAdd so that a second call is harmless.
    /// </summary>
    /// <remarks>A partial method without a body until those services land: declared here, implemented in the file that adds them.</remarks>
    static partial void AddRuntimeServices(IServiceCollection services);
}
