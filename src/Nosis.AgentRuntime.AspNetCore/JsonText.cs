using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>Reads a JSON string of the chat body; an escape that is not valid UTF-16 (a lone <c>\ud800</c>) is a 400, not a crash.</summary>
internal static class JsonText
{
    public static string Read(JsonElement value, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new AgentChatRequestException(StatusCodes.Status400BadRequest, $"The field '{field}' holds an unpaired surrogate escape; the text must be valid UTF-16.");
        }
    }
}
