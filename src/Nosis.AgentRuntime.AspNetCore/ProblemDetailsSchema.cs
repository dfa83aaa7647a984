using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.AspNetCore;

#pragma warning disable CA1812 // Describes the wire for OpenAPI generators; never instantiated.
/// <summary>The error body as OpenAPI describes it: problem details plus <c>error</c>.</summary>
internal sealed record ProblemDetailsSchema(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("error")] string Error);
#pragma warning restore CA1812
