using System.Text.Json;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>One <c>UIMessage</c> of a useChat request body.</summary>
/// <param name="Id">The message id useChat gave it; <see langword="null"/> when the body had none.</param>
/// <param name="Role">The role: <c>user</c>, <c>assistant</c> or <c>system</c>.</param>
/// <param name="Parts">The parts as sent, each a JSON object with a <c>type</c>.</param>
public sealed record UiChatMessage(string? Id, string Role, IReadOnlyList<JsonElement> Parts)
{
    /// <summary>Gets the message's <c>metadata</c>, when it had any.</summary>
    public JsonElement? Metadata { get; init; }
}
