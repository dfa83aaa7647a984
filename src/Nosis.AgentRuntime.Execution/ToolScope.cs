using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Execution;

/// <summary>Where a tool may be loaded: everywhere, in the sandbox only, or on the local machine only.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToolScope>))]
public enum ToolScope
{
    /// <summary>Loaded for every target (wire name <c>global</c>).</summary>
    [JsonStringEnumMemberName("global")]
    Global = 0,

    /// <summary>Loaded for <see cref="ExecutionTarget.Sandbox"/> only (wire name <c>sandbox</c>).</summary>
    [JsonStringEnumMemberName("sandbox")]
    Sandbox = 1,

    /// <summary>Loaded for <see cref="ExecutionTarget.Local"/> only (wire name <c>local</c>).</summary>
    [JsonStringEnumMemberName("local")]
    Local = 2,
}
