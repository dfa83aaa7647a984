using System.Text.Json;
using Nosis.AgentRuntime.Diagnostics;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Reads the server's message out of a Letta error body: <c>detail</c> (string or object) or <c>error.message</c>.</summary>
internal static class LettaErrorBody
{
    private const int MaxMessageLength = 500;

    public static LettaErrorInfo Read(string? body, SecretRedactor redactor)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        var info = default(LettaErrorInfo);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                info = ReadObject(root);
            }
        }
        catch (JsonException)
        {
            info = new LettaErrorInfo(body, null, null, null);
        }

        return info with { Message = Shorten(redactor.RedactOrNull(info.Message)) };
    }

    private static LettaErrorInfo ReadObject(JsonElement root)
    {
        if (root.TryGetProperty("detail", out var detail))
        {
            // The app handler: {"detail": "<text>", "run_id"?: …}; the stream wrapper: {"detail": {"code", "message", "pending_request_id"}}.
            return detail.ValueKind switch
            {
                JsonValueKind.String => new LettaErrorInfo(detail.GetString(), null, null, Text(root, "run_id")),
                JsonValueKind.Object => new LettaErrorInfo(
                    Text(detail, "message") ?? detail.GetRawText(), Text(detail, "code"), Text(detail, "pending_request_id"), Text(detail, "run_id")),
                _ => new LettaErrorInfo(detail.GetRawText(), null, null, null),
            };
        }

        if (root.TryGetProperty("error", out var error))
        {
            return error.ValueKind == JsonValueKind.Object
                ? new LettaErrorInfo(Text(error, "message") ?? Text(error, "type"), Text(error, "type"), null, null)
                : new LettaErrorInfo(error.ValueKind == JsonValueKind.String ? error.GetString() : null, Text(root, "code"), null, null);
        }

        return new LettaErrorInfo(Text(root, "message"), null, null, null);
    }

    private static string? Text(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Shorten(string? text) =>
        text is { Length: > MaxMessageLength } ? string.Concat(text.AsSpan(0, MaxMessageLength), "…") : text;
}

/// <summary>What an error body says: the message, the code, and for a 409 the pending approval or the busy run.</summary>
internal readonly record struct LettaErrorInfo(string? Message, string? Code, string? PendingRequestId, string? RunId);
