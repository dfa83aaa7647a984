using System.Text.RegularExpressions;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>
/// Scripted replies and faults read from JSON, so a front-end developer can make the emulator slow, call tools or fail
/// without writing C#. The format is documented in the Letta emulator sample's README.
/// </summary>
/// <remarks>
/// A reply rule matches the user's text (<c>contains</c>, the default, <c>equals</c> or <c>regex</c>, case-insensitive) and is
/// played every time it matches; replies queued in code still come first. Immutable once parsed; thread-safe.
/// </remarks>
public sealed class LettaReplyScript
{
    private readonly IReadOnlyList<(Regex Match, LettaReply Reply)> _rules;

    internal LettaReplyScript(IReadOnlyList<(Regex Match, LettaReply Reply)> rules, LettaScriptedFaults faults)
    {
        _rules = rules;
        Faults = faults;
    }

    /// <summary>Gets how many reply rules the script has.</summary>
    public int RuleCount => _rules.Count;

    /// <summary>Gets the faults the script sets.</summary>
    public LettaScriptedFaults Faults { get; }

    /// <summary>Parses a reply script.</summary>
    /// <param name="json">The script's JSON text.</param>
    /// <returns>The script.</returns>
    /// <exception cref="FormatException">The text is not a valid script; the message says where and why.</exception>
    public static LettaReplyScript Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ReplyScriptParser.Parse(json);
    }

    /// <summary>Makes <paramref name="emulator"/> play this script's replies and inject its faults.</summary>
    /// <param name="emulator">The emulator.</param>
    public void ApplyTo(LettaEmulator emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        emulator.Replies.UseScript(this);
        Faults.ApplyTo(emulator.Faults);
    }

    internal LettaReply? Match(string userText)
    {
        foreach (var (match, reply) in _rules)
        {
            if (match.IsMatch(userText))
            {
                return reply;
            }
        }

        return null;
    }
}
