using System.Net;
using System.Text.Json;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>The App Server answered a command with <c>success: false</c>.</summary>
/// <remarks>
/// The server gives no status code, only an error text; an error that says the agent or conversation was not found counts as
/// <see cref="HttpStatusCode.NotFound"/>, any other as <see cref="HttpStatusCode.UnprocessableEntity"/>, which is never retried.
/// </remarks>
public sealed class AppServerCommandException : LettaApiException
{
    /// <summary>Initializes a new instance of the <see cref="AppServerCommandException"/> class.</summary>
    /// <param name="command">The command's type, e.g. <c>agent_create</c>.</param>
    /// <param name="error">The server's error text.</param>
    public AppServerCommandException(string command, string? error)
        : base(IsNotFound(error) ? HttpStatusCode.NotFound : HttpStatusCode.UnprocessableEntity, command, error)
    {
        Command = command;
    }

    /// <summary>Gets the command's type.</summary>
    public string Command { get; }

    /// <summary>Returns <paramref name="frame"/> when it answers success, and throws otherwise.</summary>
    internal static JsonElement ThrowIfFailed(string command, JsonElement frame) =>
        frame.TryGetProperty("success", out var success) && success.ValueKind == JsonValueKind.False
            || frame.TryGetProperty("accepted", out var accepted) && accepted.ValueKind == JsonValueKind.False
            ? throw new AppServerCommandException(command, AppServerFrames.String(frame, "error"))
            : frame;

    private static bool IsNotFound(string? error) => error is not null && error.EndsWith("not found", StringComparison.OrdinalIgnoreCase);
}
