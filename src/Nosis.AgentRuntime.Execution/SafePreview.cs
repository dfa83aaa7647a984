using System.Globalization;
using System.Text;

namespace Nosis.AgentRuntime.Execution;

/// <summary>Makes a short, printable preview of untrusted input for error messages.</summary>
internal static class SafePreview
{
    /// <summary>The longest preview, in characters, before the cut marker.</summary>
    public const int MaxLength = 40;

    /// <summary>Returns at most <see cref="MaxLength"/> characters showing <paramref name="value"/>, with control, format, separator and surrogate characters escaped as <c>\uXXXX</c>, and a marker with the input's length when cut.</summary>
    public static string Of(string value)
    {
        var builder = new StringBuilder(MaxLength + 24);
        var shown = 0;
        for (; shown < value.Length; shown++)
        {
            var c = value[shown];
            var escape = NeedsEscape(c);
            if (builder.Length + (escape ? 6 : 1) > MaxLength)
            {
                break;
            }

            if (escape)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        if (shown < value.Length)
        {
            builder.Append(CultureInfo.InvariantCulture, $"… ({value.Length} chars)");
        }

        return builder.ToString();
    }

    private static bool NeedsEscape(char c) => c == '\'' || c == '\\' || char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
