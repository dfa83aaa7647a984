namespace Nosis.AgentRuntime.Execution;

/// <summary>The kind of host that runs or lists conversations.</summary>
public enum ExecutionSurface
{
    /// <summary>The cloud worker that hosts the runtime; it runs <see cref="ExecutionTarget.Sandbox"/> only.</summary>
    Worker = 0,

    /// <summary>The web front end; it lists <see cref="ExecutionTarget.Sandbox"/> conversations only.</summary>
    Web = 1,

    /// <summary>The desktop app; it may run <see cref="ExecutionTarget.Sandbox"/> and <see cref="ExecutionTarget.Local"/>.</summary>
    Desktop = 2,
}
