using Microsoft.Extensions.DependencyInjection.Extensions;
using Nosis.AgentRuntime.AI;
using Nosis.AgentRuntime.Contracts;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Uses Microsoft.Extensions.AI functions as the runtime's tools.</summary>
public static class AIFunctionToolsRuntimeBuilderExtensions
{
    /// <summary>Uses an <see cref="AIFunctionToolLoader"/> of <paramref name="tools"/> as the singleton <see cref="IToolLoader"/>.</summary>
    /// <param name="builder">The runtime builder.</param>
    /// <param name="tools">The tools, each with its scope.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="tools"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is not valid, or two tools have the same name.</exception>
    public static INosisAgentRuntimeBuilder UseAIFunctionTools(this INosisAgentRuntimeBuilder builder, params IEnumerable<AIFunctionTool> tools)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var loader = new AIFunctionToolLoader(tools);
        builder.Services.RemoveAll<IToolLoader>();
        builder.Services.AddSingleton<IToolLoader>(loader);
        return builder;
    }
}
