using System.Text.Json;
using Nosis.AgentRuntime.Diagnostics;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Reads the server's message out of a Letta error body: <c>detail</c> (string or object) or <c>error.message</c>.</summary>
internal static class LettaErrorBody
{
    private const int MaxMessageLength = 500;

    public static (string? Message, string? Code) Read(string? body, SecretRedactor redactor)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        string? message = null;
        string? code = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("detail", out var detail))
                {
                    if (detail.ValueKind == JsonValueKind.String)
                    {
                        message = detail.GetString();
                    }
                    else if (detail.ValueKind == JsonValueKind.Object)
                    {
                        message = Text(detail, "message") ?? detail.GetRawText();
                        code = Text(detail, "code");
                    }
                    else
                    {
                        message = detail.GetRawText();
                    }
                }
                else if (root.TryGetProperty("error", out var error))
                {
                    message = error.ValueKind == JsonValueKind.Object ? Text(error, "message") ?? Text(error, "type") : error.ValueKind == JsonValueKind.String ? error.GetString() : null;
                    code = error.ValueKind == JsonValueKind.Object ? Text(error, "type") : Text(root, "code");
                }
                else
                {
                    message = Text(root, "message");
                }
            }
        }
        catch (JsonException)
        {
            message = body;
        }

        return (Shorten(redactor.RedactOrNull(message)), code);
    }

    private static string? Text(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Shorten(string? text) =>
        text is { Length: > MaxMessageLength } ? string.Concat(text.AsSpan(0, MaxMessageLength), "…") : text;
}
