namespace Nosis.AgentRuntime.Letta;

/// <summary>A Letta run (<c>Run</c> in <c>@letta-ai/letta-client</c> 1.12.1 <c>resources/agents/messages.d.ts</c>): one send's processing, with its status.</summary>
public sealed record LettaRun
{
    /// <summary>Gets the run id (<c>run-…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the agent the run belongs to.</summary>
    public string? AgentId { get; init; }

    /// <summary>Gets the Letta conversation the run belongs to, if any.</summary>
    public string? ConversationId { get; init; }

    /// <summary>Gets the status: <c>created</c>, <c>running</c>, <c>completed</c>, <c>failed</c> or <c>cancelled</c> (an open set).</summary>
    public string? Status { get; init; }

    /// <summary>Gets why the run stopped, once it has.</summary>
    public string? StopReason { get; init; }

    /// <summary>Gets whether the run was created in background mode, so its stream can be read again.</summary>
    public bool? Background { get; init; }

    /// <summary>Gets when the run was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Gets when the run completed.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets a value indicating whether the run is still going (<c>created</c> or <c>running</c>).</summary>
    public bool IsActive => Status is "created" or "running";
}
