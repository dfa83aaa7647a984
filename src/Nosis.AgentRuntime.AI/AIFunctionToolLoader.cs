using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.AI;

/// <summary>An <see cref="IToolLoader"/> over a fixed list of <see cref="AIFunctionTool"/>s: each load gets those whose scope the conversation's target includes.</summary>
/// <remarks>The functions are shared by every load and hold nothing to release; the tool sets are still released once each, as the contract asks.</remarks>
public sealed class AIFunctionToolLoader : IToolLoader
{
    private readonly AIFunctionTool[] _tools;

    /// <summary>Initializes a loader of <paramref name="tools"/>.</summary>
    /// <param name="tools">The tools; names must be valid and unique (checked here, so a bad list fails at start-up, not in a turn).</param>
    /// <exception cref="ArgumentNullException"><paramref name="tools"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A name is not valid, or two tools have the same name.</exception>
    public AIFunctionToolLoader(IEnumerable<AIFunctionTool> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _tools = [.. tools];
        _ = new AIFunctionToolSet(_tools);
    }

    /// <summary>Gets the tools the loader serves, of every scope.</summary>
    public IReadOnlyList<AIFunctionTool> Tools => _tools;

    /// <inheritdoc/>
    public Task<ToolSet> LoadToolsAsync(ToolLoadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var scopes = request.Scopes;
        return Task.FromResult<ToolSet>(new AIFunctionToolSet(_tools.Where(t => scopes.Contains(t.Scope))));
    }
}
