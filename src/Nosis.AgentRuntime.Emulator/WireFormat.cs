using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Letta's wire conventions: ids, timestamps, agent JSON and error bodies.</summary>
internal static partial class WireFormat
{
    /// <summary>Writes JSON as Python's server does: no escaping of <c>+</c>, quotes or non-ASCII beyond what JSON needs.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():D}";

    /// <summary>Message dates: ISO-8601 at seconds precision with a <c>+00:00</c> offset.</summary>
    public static string Date(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);

    public static bool IsAgentId(string id) => AgentIdPattern().IsMatch(id);

    public static JsonObject Detail(string detail) => new() { ["detail"] = detail };

    public static JsonObject AgentJson(StoredAgent agent, IncludeSet include)
    {
        var json = new JsonObject
        {
            ["id"] = agent.Id,
            ["name"] = agent.Name,
            ["created_at"] = Timestamp(agent.CreatedAt),
            ["updated_at"] = Timestamp(agent.CreatedAt),
            ["tags"] = include.Tags ? new JsonArray([.. agent.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]) : new JsonArray(),
            ["blocks"] = include.Blocks ? agent.Blocks.DeepClone() : new JsonArray(),
            ["tools"] = new JsonArray(),
            ["sources"] = new JsonArray(),
            ["metadata"] = agent.Metadata.DeepClone(),
            ["memory"] = new JsonObject { ["blocks"] = include.Blocks ? agent.Blocks.DeepClone() : new JsonArray() },
            ["message_ids"] = new JsonArray(),
        };
        foreach (var field in agent.Fields)
        {
            json[field.Key] = field.Value?.DeepClone();
        }

        if (include.PendingApproval)
        {
            lock (agent.Gate)
            {
                json["pending_approval"] = agent.Pending?.Request.DeepClone();
            }
        }

        return json;
    }

    [GeneratedRegex("^agent-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex AgentIdPattern();
}

/// <summary>Which relationships a read loads: from <c>include</c>, or, when it is absent, by Letta's SDK-version gate.</summary>
internal readonly record struct IncludeSet(bool Tags, bool Blocks, bool PendingApproval = false)
{
    public static IncludeSet All => new(true, true);

    public static IncludeSet From(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        var include = request.Query["include"];
        if (include.Count == 0)
        {
            return SdkGate.IsV1Client(request) ? new IncludeSet(false, false) : All;
        }

        return new IncludeSet(include.Contains("agent.tags"), include.Contains("agent.blocks"), include.Contains("agent.pending_approval"));
    }
}
