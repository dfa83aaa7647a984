using System.Text.Json;
using System.Text.Json.Serialization;

namespace Nosis.AgentRuntime.Execution;

/// <summary>Reads an <see cref="ExecutionTarget"/> from its wire name (legacy <c>default</c> included) and writes the canonical wire name.</summary>
/// <remarks>
/// A JSON <see langword="null"/> for a nullable target reads as <see langword="null"/>; callers that treat absence as sandbox
/// canonicalise afterwards. An unknown name raises a <see cref="JsonException"/> whose <see cref="JsonException.Path"/> names the field.
/// </remarks>
public sealed class ExecutionTargetJsonConverter : JsonConverter<ExecutionTarget>
{
    /// <inheritdoc/>
    public override ExecutionTarget Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"An execution target must be a JSON string ({ExecutionTargets.SandboxWireName} or {ExecutionTargets.LocalWireName}), not {reader.TokenType}.");
        }

        var value = reader.GetString();
        if (value is not null && ExecutionTargets.TryParse(value, out var target))
        {
            return target;
        }

        var refused = new UnsupportedExecutionTargetException(value, surface: null);
        throw new JsonException(refused.Message, refused);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ExecutionTarget value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(ExecutionTargets.ToWireName(value));
    }
}
