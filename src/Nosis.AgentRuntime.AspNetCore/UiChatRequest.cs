using System.Text.Json;

namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>The body useChat posts (<c>id</c>, <c>messages</c>, <c>trigger</c>, <c>messageId</c> and the host's own fields), or the short <c>{ "content": "…" }</c> form.</summary>
/// <param name="Messages">The conversation's UI messages as the client holds them; one user message for the short form.</param>
public sealed record UiChatRequest(IReadOnlyList<UiChatMessage> Messages)
{
    /// <summary>The trigger of a new user message.</summary>
    public const string SubmitMessageTrigger = "submit-message";

    /// <summary>The trigger that asks for the last reply again.</summary>
    public const string RegenerateMessageTrigger = "regenerate-message";

    /// <summary>Gets the chat id useChat sends (<c>id</c>), when it sent one.</summary>
    public string? ChatId { get; init; }

    /// <summary>Gets the trigger: <see cref="SubmitMessageTrigger"/> (also when absent) or <see cref="RegenerateMessageTrigger"/>.</summary>
    public string Trigger { get; init; } = SubmitMessageTrigger;

    /// <summary>Gets the id of the message to regenerate (<c>messageId</c>), when sent.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets the body's other top-level fields (a host's <c>body</c> option), by name, unchanged.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalFields { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>Gets a value indicating whether the request asks for the last reply again.</summary>
    public bool IsRegenerate => Trigger == RegenerateMessageTrigger;

    /// <summary>Gets the last user message, the one the turn answers.</summary>
    public UiChatMessage LastUserMessage => Messages.Last(m => m.Role == "user");

    /// <summary>Gets the user text of the turn: the text parts of the last user message, joined by new lines.</summary>
    public string UserText => UiChatParts.TextOf(LastUserMessage);
}
