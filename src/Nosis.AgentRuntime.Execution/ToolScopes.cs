namespace Nosis.AgentRuntime.Execution;

/// <summary>The tool scopes each execution target loads.</summary>
public static class ToolScopes
{
    private static readonly ToolScope[] SandboxScopes = [ToolScope.Global, ToolScope.Sandbox];
    private static readonly ToolScope[] LocalScopes = [ToolScope.Global, ToolScope.Local];

    /// <summary>Returns the scopes whose tools a target loads.</summary>
    /// <param name="target">The execution target.</param>
    /// <returns><c>global</c> and <c>sandbox</c> for sandbox; <c>global</c> and <c>local</c> for local.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is not a defined value.</exception>
    public static IReadOnlyList<ToolScope> For(ExecutionTarget target) => target switch
    {
        ExecutionTarget.Sandbox => SandboxScopes,
        ExecutionTarget.Local => LocalScopes,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Not a defined execution target."),
    };

    /// <summary>Returns the wire name of a scope.</summary>
    /// <param name="scope">The scope.</param>
    /// <returns><c>global</c>, <c>sandbox</c> or <c>local</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scope"/> is not a defined value.</exception>
    public static string ToWireName(ToolScope scope) => scope switch
    {
        ToolScope.Global => "global",
        ToolScope.Sandbox => "sandbox",
        ToolScope.Local => "local",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not a defined tool scope."),
    };

    /// <summary>Tells whether a tool of a scope is loaded for a target.</summary>
    /// <param name="scope">The tool's scope.</param>
    /// <param name="target">The conversation's execution target.</param>
    /// <returns><see langword="true"/> when <see cref="For"/> of <paramref name="target"/> contains <paramref name="scope"/>.</returns>
    public static bool Includes(ExecutionTarget target, ToolScope scope) => For(target).Contains(scope);
}
