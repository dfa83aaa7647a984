using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Execution;

/// <summary>Where an agent's tools run for a conversation.</summary>
/// <remarks>
/// The wire names are <c>sandbox</c> and <c>local</c>; see <see cref="ExecutionTargets"/>. The legacy wire name
/// <c>default</c> is read as <see cref="Sandbox"/> and never written.
/// </remarks>
[JsonConverter(typeof(ExecutionTargetJsonConverter))]
public enum ExecutionTarget
{
    /// <summary>Tools run in a cloud sandbox. The only target of the worker and web surfaces.</summary>
    Sandbox = 0,

    /// <summary>Tools run on the user's own machine. Only the desktop surface runs it.</summary>
    Local = 1,
}
