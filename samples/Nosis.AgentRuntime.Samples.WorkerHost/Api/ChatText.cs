using System.Text;
using System.Text.Json;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>Finds what the user said in a chat body: <c>content</c>, or the text parts of the last user message of an AI SDK body.</summary>
internal static class ChatText
{
    public static bool TryRead(ChatRequest request, out string text, out IResult? error)
    {
        text = string.Empty;
        error = null;
        if (request.Trigger is not (null or "submit-message" or "regenerate-message"))
        {
            error = ApiError.BadRequest("The field 'trigger' must be 'submit-message' or 'regenerate-message'.");
            return false;
        }

        if (request.Content is not null)
        {
            text = request.Content;
        }
        else if (request.Messages is { } messages)
        {
            if (!TryReadLastUserText(messages, out text, out var problem))
            {
                error = ApiError.BadRequest(problem);
                return false;
            }
        }
        else
        {
            error = ApiError.BadRequest("Send either 'content' (the message text) or the AI SDK body with 'messages'.");
            return false;
        }

        var field = request.Content is not null ? "content" : "messages";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = ApiError.BadRequest($"The field '{field}' holds no text; the message must not be blank.");
            return false;
        }

        if (text.Length > WorkerHostLimits.MaxContentLength)
        {
            error = ApiError.BadRequest($"The field '{field}' holds more than {WorkerHostLimits.MaxContentLength} characters.");
            return false;
        }

        error = TextRules.Refuse(text, field, multiline: true);
        return error is null;
    }

    private static bool TryReadLastUserText(JsonElement messages, out string text, out string problem)
    {
        text = string.Empty;
        problem = string.Empty;
        if (messages.ValueKind != JsonValueKind.Array)
        {
            problem = "The field 'messages' must be an array of UI messages.";
            return false;
        }

        for (var i = messages.GetArrayLength() - 1; i >= 0; i--)
        {
            var message = messages[i];
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("role", out var role)
                || role.ValueKind != JsonValueKind.String
                || role.GetString() != "user")
            {
                continue;
            }

            text = TextOf(message);
            if (text.Length == 0)
            {
                problem = $"The last user message (messages[{i}]) has no text parts.";
                return false;
            }

            return true;
        }

        problem = "The field 'messages' holds no message with role 'user'.";
        return false;
    }

    /// <summary>Joins the message's <c>{ type: "text", text }</c> parts; a legacy <c>content</c> string when it has no parts.</summary>
    private static string TextOf(JsonElement message)
    {
        if (message.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            var builder = new StringBuilder();
            foreach (var part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object
                    && part.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "text"
                    && part.TryGetProperty("text", out var partText) && partText.ValueKind == JsonValueKind.String)
                {
                    builder.Append(builder.Length > 0 ? "\n" : string.Empty).Append(partText.GetString());
                }
            }

            return builder.ToString();
        }

        return message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString()! : string.Empty;
    }
}
