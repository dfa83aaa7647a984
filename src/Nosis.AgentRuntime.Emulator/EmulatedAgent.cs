namespace Nosis.AgentRuntime.Emulator;

/// <summary>A snapshot of an agent the emulator holds.</summary>
/// <param name="Id">The agent id.</param>
/// <param name="Name">The agent name.</param>
/// <param name="Tags">The agent's tags.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record EmulatedAgent(string Id, string Name, IReadOnlyList<string> Tags, DateTimeOffset CreatedAt)
{
    /// <summary>Gets the agent's metadata as string pairs (non-string values as JSON text).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the memory blocks' labels and values.</summary>
    public IReadOnlyDictionary<string, string> Blocks { get; init; } = new Dictionary<string, string>();
}
