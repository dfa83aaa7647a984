using System.Globalization;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>
/// The one rule for text the worker stores: NUL and the other C0/C1 control characters (tab, line feed and carriage return
/// excepted) and unpaired surrogates are refused with 400, on SQLite and PostgreSQL alike. PostgreSQL cannot store NUL in
/// text (22021) and SQLite can, so refusing everywhere is the only rule that behaves the same on both. Bidirectional and
/// other format characters are ordinary text and are stored faithfully.
/// </summary>
internal static class TextRules
{
    /// <summary>Returns the 400 to send when <paramref name="value"/> holds a refused character; <see langword="null"/> when it is fine.</summary>
    public static IResult? Refuse(string? value, string field, bool multiline)
    {
        if (FindRefused(value, multiline) is not { } index)
        {
            return null;
        }

        var code = char.IsSurrogate(value![index])
            ? "an unpaired surrogate"
            : "the control character U+" + ((int)value[index]).ToString("X4", CultureInfo.InvariantCulture);
        return ApiError.BadRequest($"The field '{field}' contains {code} at position {index}; control characters are not accepted.");
    }

    /// <summary>Returns the index of the first refused character, or <see langword="null"/>.</summary>
    public static int? FindRefused(string? value, bool multiline)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || (char.IsControl(c) && !(multiline && c is '\t' or '\n' or '\r')))
            {
                return i;
            }
        }

        return null;
    }
}
