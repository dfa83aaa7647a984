namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Returned by <c>AddNosisAgentRuntime</c> so a host can swap in its own adapters and options.</summary>
public interface INosisAgentRuntimeBuilder
{
    /// <summary>Gets the service collection the runtime was added to.</summary>
    IServiceCollection Services { get; }
}
