using System.Net;
using System.Text.Json;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>Commands on an agent or conversation that may be gone: the server's "not found" becomes no answer instead of an error.</summary>
internal static class NotFoundAnswers
{
    /// <summary>Sends the command; <see langword="null"/> when the server answers that its agent or conversation was not found.</summary>
    public static async Task<JsonElement?> RequestUnlessNotFoundAsync(this AppServerConnection connection, string type, Action<Utf8JsonWriter> fields, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.RequestAsync(type, fields, cancellationToken).ConfigureAwait(false);
        }
        catch (AppServerCommandException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
