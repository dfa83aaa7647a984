using System.Text;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.Streaming;

/// <summary>Joins the fragments of tool calls that Letta streams token by token (name first, arguments in pieces).</summary>
internal sealed class ToolCallAccumulator
{
    private readonly List<Entry> _entries = [];
    private Entry? _last;

    public bool IsEmpty => _entries.Count == 0;

    public void Add(IReadOnlyList<LettaToolCall> fragments)
    {
        foreach (var fragment in fragments)
        {
            var entry = fragment.ToolCallId is { Length: > 0 } id ? Find(id) ?? Open(id) : _last ?? Open($"call_{_entries.Count + 1}");
            if (!string.IsNullOrEmpty(fragment.Name))
            {
                entry.Name = fragment.Name;
            }

            entry.Arguments.Append(fragment.Arguments);
            _last = entry;
        }
    }

    /// <summary>Removes and returns the call with the given id, or <see langword="null"/> when none was streamed.</summary>
    public PendingToolCall? Take(string toolCallId)
    {
        var entry = Find(toolCallId);
        if (entry is null)
        {
            return null;
        }

        _entries.Remove(entry);
        _last = null;
        return new PendingToolCall(entry.Id, entry.Name ?? "unknown_tool", entry.Arguments.ToString());
    }

    /// <summary>Removes and returns every call streamed so far, in order.</summary>
    public List<PendingToolCall> TakeAll()
    {
        var calls = _entries.Select(e => new PendingToolCall(e.Id, e.Name ?? "unknown_tool", e.Arguments.ToString())).ToList();
        _entries.Clear();
        _last = null;
        return calls;
    }

    private Entry? Find(string id) => _entries.Find(e => string.Equals(e.Id, id, StringComparison.Ordinal));

    private Entry Open(string id)
    {
        var entry = new Entry(id);
        _entries.Add(entry);
        return entry;
    }

    private sealed class Entry(string id)
    {
        public string Id { get; } = id;

        public string? Name { get; set; }

        public StringBuilder Arguments { get; } = new();
    }
}
