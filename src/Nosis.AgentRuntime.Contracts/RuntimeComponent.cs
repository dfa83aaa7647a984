namespace Nosis.AgentRuntime.Contracts;

/// <summary>The parts of a system built on the runtime, each with its own responsibilities.</summary>
public enum RuntimeComponent
{
    /// <summary>The shared runtime packages.</summary>
    SharedRuntime = 0,

    /// <summary>The cloud worker: control plane and runtime host.</summary>
    Worker = 1,

    /// <summary>The web front end.</summary>
    Web = 2,

    /// <summary>The desktop app.</summary>
    Desktop = 3,
}
