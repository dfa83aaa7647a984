namespace Nosis.AgentRuntime.Contracts;

/// <summary>Loads the tools of a conversation for one reply.</summary>
public interface IToolLoader
{
    /// <summary>Loads the tools whose scope the conversation's execution target includes.</summary>
    /// <param name="request">The conversation and the scopes to load.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>A tool set the runtime disposes exactly once when the reply ends.</returns>
    Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default);
}
