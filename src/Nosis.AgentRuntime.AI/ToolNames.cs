using System.Buffers;

namespace Nosis.AgentRuntime.AI;

/// <summary>The rule for tool names: 1 to 64 ASCII letters, digits, <c>_</c> or <c>-</c>.</summary>
/// <remarks>
/// Letta's <c>ClientToolSchema</c> takes any string as a name, but Letta hands client tools to the model provider as
/// functions, and OpenAI's function-name rule (the strictest of the providers Letta supports) is this one; a name outside
/// it fails at the provider, in the middle of a turn. Checking it when a tool set is built fails early, with the name.
/// </remarks>
public static class ToolNames
{
    /// <summary>The longest tool name, in characters.</summary>
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>Tells whether <paramref name="name"/> is a valid tool name.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when it has 1 to <see cref="MaxLength"/> characters, each a letter, digit, <c>_</c> or <c>-</c>.</returns>
    public static bool IsValid(ReadOnlySpan<char> name) =>
        name.Length is > 0 and <= MaxLength && !name.ContainsAnyExcept(Allowed);

    /// <summary>Turns any text into a valid tool name: other characters become <c>_</c> and the result is cut to <paramref name="maxLength"/>.</summary>
    /// <param name="text">The text, e.g. a server's or a remote tool's name.</param>
    /// <param name="maxLength">The longest result, 1 to <see cref="MaxLength"/>.</param>
    /// <returns>A valid tool name; <c>tool</c> for empty text.</returns>
    public static string Sanitize(string text, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLength, MaxLength);
        if (text.Length == 0)
        {
            return "tool";
        }

        var span = text.AsSpan(0, Math.Min(text.Length, maxLength));
        return string.Create(span.Length, text, static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                var c = source[i];
                chars[i] = Allowed.Contains(c) ? c : '_';
            }
        });
    }
}
