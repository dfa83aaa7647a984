using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Nosis.AgentRuntime.AI;

/// <summary>Reads the arguments JSON the model produced into <see cref="AIFunctionArguments"/>.</summary>
internal static class ToolArguments
{
    /// <summary>Parses <paramref name="argumentsJson"/>; empty text is no arguments.</summary>
    /// <returns>The arguments, or <see langword="null"/> with <paramref name="problem"/> set when the text is not a JSON object.</returns>
    public static AIFunctionArguments? TryParse(string? argumentsJson, out string? problem)
    {
        problem = null;
        var arguments = new AIFunctionArguments();
        if (string.IsNullOrWhiteSpace(argumentsJson))
        {
            return arguments;
        }

        try
        {
            using var document = JsonDocument.Parse(argumentsJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = $"the arguments must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}";
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }

            return arguments;
        }
        catch (JsonException exception)
        {
            problem = $"the arguments are not valid JSON ({exception.Message})";
            return null;
        }
    }
}
