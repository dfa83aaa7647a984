namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The <see cref="INosisAgentRuntimeBuilder"/> handed out by <c>AddNosisAgentRuntime</c>.</summary>
internal sealed record NosisAgentRuntimeBuilder(IServiceCollection Services) : INosisAgentRuntimeBuilder;
