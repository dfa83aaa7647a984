using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Letta;

/// <summary>Whether a client-side tool call succeeded.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LettaToolReturnStatus>))]
public enum LettaToolReturnStatus
{
    /// <summary>The tool succeeded (<c>success</c>).</summary>
    [JsonStringEnumMemberName("success")]
    Success,

    /// <summary>The tool failed (<c>error</c>).</summary>
    [JsonStringEnumMemberName("error")]
    Error,
}
