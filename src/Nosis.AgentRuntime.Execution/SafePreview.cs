using System.Globalization;
using System.Text;

namespace Nosis.AgentRuntime.Execution;

/// <summary>Makes a short, printable preview of untrusted input for error messages.</summary>
internal static class SafePreview
{
    /// <summary>The most characters of the input that a preview shows before it is cut.</summary>
    public const int MaxInputChars = 24;

    /// <summary>Returns at most <see cref="MaxInputChars"/> characters of <paramref name="value"/>, with control, format, separator and surrogate characters escaped as <c>\uXXXX</c>, and an ellipsis when cut.</summary>
    public static string Of(string value)
    {
        var builder = new StringBuilder(MaxInputChars + 8);
        var shown = Math.Min(value.Length, MaxInputChars);
        for (var i = 0; i < shown; i++)
        {
            var c = value[i];
            if (NeedsEscape(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (value.Length > shown)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({value.Length} chars)");
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c == '\'' || c == '\\' || char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
