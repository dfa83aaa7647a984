using ModelContextProtocol.Client;
using Nosis.AgentRuntime.AI;

namespace Nosis.AgentRuntime.Mcp;

/// <summary>Names the tools of a turn's servers so that every name is valid (<see cref="ToolNames"/>) and unique, the same way every time.</summary>
/// <remarks>
/// A tool keeps its own name when no other loaded server offers that name. A name offered by two or more servers is given to none
/// of them: each becomes <c>&lt;server&gt;_&lt;tool&gt;</c>, so which tool the agent gets never depends on which server answered first.
/// Characters outside the tool-name rule become <c>_</c>; a name still taken gets <c>_2</c>, <c>_3</c>… in server-name order.
/// </remarks>
internal static class McpToolNaming
{
    public static List<(McpConnection Connection, McpClientTool Tool, string Name)> Assign(IEnumerable<McpConnection> connections)
    {
        var all = connections
            .OrderBy(c => c.ServerName, StringComparer.Ordinal)
            .SelectMany(c => c.Tools.Select(t => (Connection: c, Tool: t)))
            .ToList();
        var offered = all.GroupBy(t => t.Tool.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var named = new List<(McpConnection, McpClientTool, string)>(all.Count);
        foreach (var (connection, tool) in all)
        {
            var wanted = offered[tool.Name] == 1 ? ToolNames.Sanitize(tool.Name) : ToolNames.Sanitize($"{connection.ServerName}_{tool.Name}");
            var name = wanted;
            for (var n = 2; !taken.Add(name); n++)
            {
                var suffix = "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                name = ToolNames.Sanitize(wanted, ToolNames.MaxLength - suffix.Length) + suffix;
            }

            named.Add((connection, tool, name));
        }

        return named;
    }
}
