namespace Nosis.AgentRuntime.Letta;

/// <summary>A message to send to an agent (<c>MessageCreate</c>, <c>type: "message"</c>).</summary>
/// <param name="Role">The sender's role: <c>user</c>, <c>system</c> or <c>assistant</c>.</param>
/// <param name="Content">The message text.</param>
public sealed record LettaInputMessage(string Role, string Content) : LettaInputItem
{
    /// <summary>Gets the client-chosen id of the message; a retry of the same send reuses it.</summary>
    public string? Otid { get; init; }

    /// <summary>Creates a user message.</summary>
    /// <param name="text">The message text.</param>
    /// <returns>The message.</returns>
    public static LettaInputMessage User(string text) => new("user", text);
}
