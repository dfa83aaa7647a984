namespace Nosis.AgentRuntime.Emulator;

/// <summary>How scripted replies are cut into streamed tokens, and the tool call ids they carry; shared by the Letta emulator and the scripted model.</summary>
internal static class ReplyTokens
{
    /// <summary>A fresh tool call id in the <c>call_…</c> form model providers use.</summary>
    public static string NewToolCallId() => "call_" + Guid.NewGuid().ToString("N")[..24];

    /// <summary>Cuts <paramref name="text"/> after each single space, so that the tokens joined give the text back.</summary>
    public static string[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && i + 1 < text.Length && text[i + 1] != ' ')
            {
                tokens.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            tokens.Add(text[start..]);
        }

        return [.. tokens];
    }
}
