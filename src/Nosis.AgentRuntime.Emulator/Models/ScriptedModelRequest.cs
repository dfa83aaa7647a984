namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>A chat completions request the scripted model server received.</summary>
/// <param name="Model">The <c>model</c> field: the model id without the provider prefix (<c>scripted</c>, not <c>openai-compatible/scripted</c>).</param>
/// <param name="Stream">Whether the client asked for a stream (<c>stream: true</c>).</param>
/// <param name="IncludeUsage">Whether the client asked for the final usage chunk (<c>stream_options.include_usage</c>).</param>
/// <param name="Messages">The messages, in order.</param>
/// <param name="ToolNames">The names of the function tools offered (<c>tools[].function.name</c>), in order.</param>
/// <param name="Body">The whole request body, as JSON text, for anything else a test wants to read.</param>
public sealed record ScriptedModelRequest(
    string Model,
    bool Stream,
    bool IncludeUsage,
    IReadOnlyList<ScriptedModelMessage> Messages,
    IReadOnlyList<string> ToolNames,
    string Body)
{
    /// <summary>The prefix of the context blocks a Letta client adds to user messages (device, agent and MCP information).</summary>
    public const string SystemReminderPrefix = "<system-reminder>";

    /// <summary>
    /// Gets what the user typed last: the text parts of the last <c>user</c> message that are not
    /// <see cref="SystemReminderPrefix"/> blocks, joined by new lines; empty when there is no user message.
    /// </summary>
    public string LastUserText
    {
        get
        {
            var last = Messages.LastOrDefault(m => m.Role == "user");
            if (last is null)
            {
                return string.Empty;
            }

            var typed = last.TextParts.Where(p => !p.TrimStart().StartsWith(SystemReminderPrefix, StringComparison.Ordinal)).ToList();
            return string.Join('\n', typed.Count > 0 ? typed : last.TextParts);
        }
    }
}
