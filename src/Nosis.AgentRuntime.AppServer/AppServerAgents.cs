using System.Text.Json;
using Nosis.AgentRuntime.Letta;

namespace Nosis.AgentRuntime.AppServer;

/// <summary>The App Server's agent commands: <c>agent_create</c>, <c>agent_retrieve</c>, <c>agent_list</c>, <c>agent_delete</c>.</summary>
/// <remarks>Bodies and answers are the V1 shapes the App Server forwards (<c>AgentCreateParams</c>, <c>AgentState</c>).</remarks>
internal sealed class AppServerAgents(AppServerConnection connection, AppServerOptions options)
{
    public async Task<LettaAgent> CreateAsync(LettaCreateAgentRequest request, CancellationToken cancellationToken)
    {
        var body = request.Model is null ? request with { Model = options.Model } : request;
        var answer = await connection.RequestAsync("agent_create", writer =>
        {
            writer.WritePropertyName("body");
            JsonSerializer.Serialize(writer, body, AppServerJsonContext.Default.LettaCreateAgentRequest);
        }, cancellationToken).ConfigureAwait(false);
        return ReadAgent(answer, "agent_create");
    }

    public async Task<LettaAgent?> GetAsync(string agentId, CancellationToken cancellationToken) =>
        await connection.RequestUnlessNotFoundAsync("agent_retrieve", writer => writer.WriteString("agent_id", agentId), cancellationToken).ConfigureAwait(false) is { } answer
            ? ReadAgent(answer, "agent_retrieve")
            : null;

    public async Task<IReadOnlyList<LettaAgent>> ListAsync(LettaAgentListQuery query, CancellationToken cancellationToken)
    {
        var answer = await connection.RequestAsync("agent_list", writer =>
        {
            writer.WriteStartObject("query");
            writer.WriteStartArray("tags");
            foreach (var tag in query.Tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
            writer.WriteBoolean("match_all_tags", query.MatchAllTags);
            AppServerCommands.WritePage(writer, query.Limit, query.After, query.OldestFirst);
            writer.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        return answer.TryGetProperty("agents", out var agents) && agents.ValueKind == JsonValueKind.Array
            ? [.. agents.EnumerateArray().Select(agent => agent.Deserialize(AppServerJsonContext.Default.LettaAgent)!)]
            : [];
    }

    public async Task<bool> DeleteAsync(string agentId, CancellationToken cancellationToken) =>
        await connection.RequestUnlessNotFoundAsync("agent_delete", writer => writer.WriteString("agent_id", agentId), cancellationToken).ConfigureAwait(false) is not null;

    private static LettaAgent ReadAgent(JsonElement answer, string command) =>
        answer.TryGetProperty("agent", out var agent) && agent.ValueKind == JsonValueKind.Object
            ? agent.Deserialize(AppServerJsonContext.Default.LettaAgent)!
            : throw new AppServerCommandException(command, "The answer carried no agent.");
}
