namespace Nosis.AgentRuntime.Emulator;

/// <summary>A scripted agent reply; build one with <see cref="Create"/>.</summary>
public sealed class LettaReply
{
    internal LettaReply(IReadOnlyList<ReplyStep> steps)
    {
        Steps = steps;
    }

    internal IReadOnlyList<ReplyStep> Steps { get; }

    /// <summary>Starts a reply script.</summary>
    /// <returns>A builder.</returns>
    public static LettaReplyBuilder Create() => new();

    /// <summary>Creates a reply of plain text, streamed word by word.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The reply.</returns>
    public static LettaReply FromText(string text) => Create().Text(text).Build();

    /// <summary>The reply used when none is scripted: a reasoning line, then <c>Echo: &lt;user text&gt;</c> word by word.</summary>
    internal static LettaReply Default(string userText) =>
        Create().Reasoning("Reading the message.").Text($"Echo: {userText}").Build();
}
