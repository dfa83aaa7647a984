namespace Nosis.AgentRuntime.AspNetCore;

/// <summary>
/// The characters user text may not hold: NUL and the other control characters (tab, line feed and carriage return excepted)
/// and unpaired surrogates. PostgreSQL cannot store NUL in text while SQLite can, so refusing them is the one rule a host
/// behaves the same with on every store; format characters (bidirectional marks and the like) are ordinary text.
/// </summary>
internal static class UserTextCharacters
{
    /// <summary>Returns the index of the first refused character of <paramref name="text"/>, or <see langword="null"/>.</summary>
    public static int? FindRefused(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || (char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Names the character at <paramref name="index"/> for an error message, without echoing it.</summary>
    public static string Describe(string text, int index) =>
        char.IsSurrogate(text[index]) ? "an unpaired surrogate" : $"the control character U+{(int)text[index]:X4}";
}
