using System.Text.Json;
using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Letta's built-in memory tools, applied to the agent's blocks when a scripted reply calls them: every conversation of the agent sees the edit.</summary>
/// <remarks>
/// Names and arguments as in letta-ai/letta <c>letta/functions/function_sets/base.py</c>: <c>core_memory_append(label, content)</c>,
/// <c>core_memory_replace(label, old_content, new_content)</c>, <c>memory_insert(label, new_str)</c> (appended here, whatever
/// <c>insert_line</c>) and <c>memory_replace(label, old_str, new_str)</c>. Other tools and unreadable arguments change nothing.
/// </remarks>
internal static class MemoryTools
{
    public static void Apply(StoredAgent agent, string toolName, string arguments)
    {
        if (toolName is not ("core_memory_append" or "core_memory_replace" or "memory_insert" or "memory_replace"))
        {
            return;
        }

        JsonObject? args;
        try
        {
            args = JsonNode.Parse(arguments) as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }

        if (args is null || (string?)args["label"] is not { } label)
        {
            return;
        }

        lock (agent.Gate)
        {
            var block = agent.Blocks.OfType<JsonObject>().FirstOrDefault(b => (string?)b["label"] == label);
            if (block is null)
            {
                return;
            }

            var value = (string?)block["value"] ?? string.Empty;
            block["value"] = toolName switch
            {
                "core_memory_append" => Append(value, (string?)args["content"]),
                "memory_insert" => Append(value, (string?)args["new_str"]),
                "core_memory_replace" => Replace(value, (string?)args["old_content"], (string?)args["new_content"]),
                _ => Replace(value, (string?)args["old_str"], (string?)args["new_str"]),
            };
        }
    }

    private static string Append(string value, string? text) => string.IsNullOrEmpty(text) ? value : value.Length == 0 ? text : value + "\n" + text;

    private static string Replace(string value, string? old, string? replacement) =>
        string.IsNullOrEmpty(old) ? value : value.Replace(old, replacement ?? string.Empty, StringComparison.Ordinal);
}
