using System.Text.Json;

namespace Nosis.AgentRuntime.AspNetCore.Tests;

/// <summary>Bodies as useChat (ai 6) posts them.</summary>
internal static class UseChat
{
    public static string Submit(string chatId, params (string Id, string Role, string Text)[] messages) => Body(chatId, "submit-message", null, messages);

    public static string Regenerate(string chatId, string messageId, params (string Id, string Role, string Text)[] messages) =>
        Body(chatId, "regenerate-message", messageId, messages);

    private static string Body(string chatId, string trigger, string? messageId, (string Id, string Role, string Text)[] messages) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = chatId,
            ["messages"] = messages.Select(m => new { id = m.Id, role = m.Role, parts = new object[] { new { type = "text", text = m.Text } } }).ToArray(),
            ["trigger"] = trigger,
            ["messageId"] = messageId,
        });
}
