using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Reads and validates a useChat request body, refusing what cannot be served with a <see cref="AgentChatRequestException"/>.</summary>
public static class UiChatRequests
{
    private const int MaxIdLength = 128;

    /// <summary>Reads the body of <paramref name="request"/>: JSON only (415 otherwise), at most <see cref="AgentChatEndpointOptions.MaxRequestBodyBytes"/> (413 over it), then <see cref="Parse"/>.</summary>
    /// <param name="request">The HTTP request.</param>
    /// <param name="options">The limits.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>The request.</returns>
    /// <exception cref="AgentChatRequestException">The body is not JSON, too large, malformed or has no user text.</exception>
    public static async Task<UiChatRequest> ReadAsync(HttpRequest request, AgentChatEndpointOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (!request.HasJsonContentType())
        {
            throw new AgentChatRequestException(StatusCodes.Status415UnsupportedMediaType, "Send the chat body as JSON (content-type: application/json).");
        }

        if (request.ContentLength > options.MaxRequestBodyBytes)
        {
            throw TooLarge(options);
        }

        var buffer = new MemoryStream();
        await using (buffer.ConfigureAwait(false))
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > options.MaxRequestBodyBytes)
                {
                    throw TooLarge(options);
                }

                buffer.Write(chunk, 0, read);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(buffer.ToArray());
            }
            catch (JsonException)
            {
                throw BadRequest("The chat body is not valid JSON.");
            }

            using (document)
            {
                // Parts and fields are kept beyond the document's life.
                return Parse(document.RootElement.Clone(), options);
            }
        }
    }

    /// <summary>Validates a parsed body: an object with <c>messages</c> (useChat) or <c>content</c> (the short form), a known trigger, and non-blank user text within the limit.</summary>
    /// <param name="body">The body.</param>
    /// <param name="options">The limits.</param>
    /// <returns>The request.</returns>
    /// <exception cref="AgentChatRequestException">The body cannot be served; the message says why.</exception>
    public static UiChatRequest Parse(JsonElement body, AgentChatEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw BadRequest("The chat body must be a JSON object.");
        }

        var trigger = OptionalString(body, "trigger") ?? UiChatRequest.SubmitMessageTrigger;
        if (trigger is not (UiChatRequest.SubmitMessageTrigger or UiChatRequest.RegenerateMessageTrigger))
        {
            throw BadRequest("The field 'trigger' must be 'submit-message' or 'regenerate-message'.");
        }

        IReadOnlyList<UiChatMessage> messages;
        var field = "messages";
        if (body.TryGetProperty("messages", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            messages = ReadMessages(list);
        }
        else if (OptionalString(body, "content") is { } content)
        {
            field = "content";
            messages = [new UiChatMessage(null, "user", [JsonSerializerElement.Text(content)])];
        }
        else
        {
            throw BadRequest("Send either 'messages' (the useChat body) or 'content' (the message text).");
        }

        if (!messages.Any(m => m.Role == "user"))
        {
            throw BadRequest("The field 'messages' holds no message with role 'user'.");
        }

        var request = new UiChatRequest(messages)
        {
            ChatId = OptionalString(body, "id"),
            Trigger = trigger,
            MessageId = Id(OptionalString(body, "messageId"), "messageId"),
            AdditionalFields = AdditionalFieldsOf(body),
        };
        var text = request.UserText;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw BadRequest(field == "content"
                ? "The field 'content' holds no text; the message must not be blank."
                : "The last user message in 'messages' has no text; the message must not be blank.");
        }

        if (text.Length > options.MaxUserTextLength)
        {
            throw BadRequest($"The field '{field}' holds more than {options.MaxUserTextLength} characters of user text.");
        }

        if (UserTextCharacters.FindRefused(text) is { } refused)
        {
            throw BadRequest($"The field '{field}' contains {UserTextCharacters.Describe(text, refused)} at position {refused}; control characters are not accepted.");
        }

        return request;
    }

    /// <summary>The body's other fields; a repeated name keeps its last value, as <c>TryGetProperty</c> and the other routes do.</summary>
    private static Dictionary<string, JsonElement> AdditionalFieldsOf(JsonElement body) =>
        body.EnumerateObject().Where(p => p.Name is not ("id" or "messages" or "trigger" or "messageId" or "content"))
            .GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    private static List<UiChatMessage> ReadMessages(JsonElement list)
    {
        if (list.ValueKind != JsonValueKind.Array)
        {
            throw BadRequest("The field 'messages' must be an array of UI messages.");
        }

        var messages = new List<UiChatMessage>(list.GetArrayLength());
        var index = 0;
        foreach (var message in list.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || OptionalString(message, "role") is not { } role)
            {
                throw BadRequest($"messages[{index}] must be an object with a string 'role'.");
            }

            IReadOnlyList<JsonElement> parts = message.TryGetProperty("parts", out var p) && p.ValueKind == JsonValueKind.Array
                ? [.. p.EnumerateArray()]
                : OptionalString(message, "content") is { } legacy ? [JsonSerializerElement.Text(legacy)] : [];
            if (parts.Any(part => UiChatParts.TypeOf(part) is null))
            {
                throw BadRequest($"Every part of messages[{index}] must be an object with a string 'type'.");
            }

            messages.Add(new UiChatMessage(Id(OptionalString(message, "id"), $"messages[{index}].id"), role, parts)
            {
                Metadata = message.TryGetProperty("metadata", out var metadata) ? metadata : null,
            });
            index++;
        }

        return messages;
    }

    private static string? Id(string? id, string field)
    {
        if (id is null || id.Length == 0)
        {
            return null;
        }

        if (id.Length > MaxIdLength || id.Any(char.IsControl))
        {
            throw BadRequest($"The field '{field}' must be at most {MaxIdLength} characters without control characters.");
        }

        return id;
    }

    private static string? OptionalString(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? JsonText.Read(value, name) : throw BadRequest($"The field '{name}' must be a string.");

    private static AgentChatRequestException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    private static AgentChatRequestException TooLarge(AgentChatEndpointOptions options) =>
        new(StatusCodes.Status413PayloadTooLarge, $"The chat body is larger than the limit of {options.MaxRequestBodyBytes} bytes.");
}
