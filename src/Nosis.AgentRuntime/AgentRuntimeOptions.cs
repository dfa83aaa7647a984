using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime;

/// <summary>How the runtime runs agent turns in this host.</summary>
public sealed class AgentRuntimeOptions
{
    /// <summary>Gets or sets the surface this host is; conversation targets are checked against it before tools load.</summary>
    /// <value>The default is <see cref="ExecutionSurface.Worker"/>.</value>
    public ExecutionSurface Surface { get; set; } = ExecutionSurface.Worker;

    /// <summary>Gets or sets how many client-side tool calls one turn may run before the reply is ended.</summary>
    /// <value>The default is 8.</value>
    public int MaxToolSteps { get; set; } = 8;

    /// <summary>Gets or sets the most characters of assistant text persisted per reply, reasoning included; longer text is cut and marked.</summary>
    /// <value>The default is 1,000,000 characters.</value>
    public int MaxPersistedTextLength { get; set; } = 1_000_000;

    /// <summary>Gets or sets how many events may wait between the Letta reader and a slow consumer before reading pauses.</summary>
    /// <value>The default is 64.</value>
    public int StreamBufferCapacity { get; set; } = 64;

    /// <summary>Gets or sets how long a response write may make no progress (a client that stopped reading) before the turn is aborted and the conversation freed.</summary>
    /// <value>The default is 30 seconds; <see cref="Timeout.InfiniteTimeSpan"/> waits for ever.</value>
    public TimeSpan ResponseWriteStallTimeout { get; set; } = UiMessageStream.DefaultWriteStallTimeout;

    /// <summary>Gets or sets how long a finished reply may take to be stored, retries included, before its stream ends with an error instead of <c>finish</c>.</summary>
    /// <value>The default is 15 seconds (a database restart); the retries stop early, after one last attempt, when the host stops.</value>
    public TimeSpan ReplySaveTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets how long a turn waits for an earlier turn of the same conversation before it fails as busy.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan TurnWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long a cross-process turn lease holds before it must be renewed.</summary>
    /// <value>The default is 10 seconds; the runtime renews it every quarter of that while a turn runs.</value>
    /// <remarks>
    /// A short lease renewed often is how a turn whose process died stops blocking its conversation: nothing renews the dead
    /// turn's lease, so the next turn takes it over at most this long after the last renewal, while a live holder survives
    /// three missed renewals in a row (a database blip) before another owner may take over. Keep it well below
    /// <see cref="TurnWaitTimeout"/> so a waiting turn outlasts a dead holder's lease.
    /// </remarks>
    public TimeSpan TurnLeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the model handle (<c>provider/model</c>) for agents the runtime creates; <see langword="null"/> leaves it to the server.</summary>
    public string? AgentModel { get; set; }

    /// <summary>Gets or sets the embedding handle for agents the runtime creates; <see langword="null"/> leaves it to the server.</summary>
    public string? AgentEmbedding { get; set; }

    /// <summary>Gets the memory blocks a new shared agent (scope <c>User</c> or <c>Office</c>) starts with; every Letta conversation of the agent reads and edits them.</summary>
    /// <value>The default is one empty <c>human</c> block, where Letta's memory tools keep what the agent learns about its user.</value>
    public IList<Letta.LettaMemoryBlock> SharedAgentMemoryBlocks { get; } = [new("human", string.Empty)];

    /// <summary>Gets or sets how old an unclaimed agent must be before the orphan sweeper may delete it.</summary>
    /// <value>The default is 10 minutes; a younger agent may still be mid-claim.</value>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets how often the hosted orphan sweeper deletes agents left behind by a crash between create and claim, or by a deleted conversation.</summary>
    /// <value>The default is 15 minutes; <see cref="TimeSpan.Zero"/> turns the hosted sweeper off (<see cref="Claims.OrphanAgentSweeper"/> can still be run by hand).</value>
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets or sets how often the hosted turn reconciler recovers turns whose process died before their reply was stored, from Letta's history.</summary>
    /// <value>The default is 1 minute; <see cref="TimeSpan.Zero"/> turns the reconciler off (the next turn of a conversation still recovers it).</value>
    public TimeSpan TurnRecoveryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how old an unanswered user message must be before the reconciler recovers it.</summary>
    /// <value>The default is 2 minutes. A turn still running holds its conversation and is skipped whatever its age.</value>
    public TimeSpan TurnRecoveryMinAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets a value indicating whether replies run in Letta's background mode, so they can be resumed and stopped from any instance.</summary>
    /// <value>The default is <see langword="false"/>.</value>
    /// <remarks>
    /// Sends carry <c>background: true</c>; the run id and the last sequence id read are kept in the registered
    /// <see cref="Contracts.IActiveRunStore"/> (required with this option); an upstream stream that drops is read again from the
    /// last sequence id, never by sending the input again. Letta needs Redis for background mode (without it: 503).
    /// </remarks>
    public bool BackgroundRuns { get; set; }

    /// <summary>Gets or sets what a client that goes away means for its reply.</summary>
    /// <value>The default is <see cref="ReplyDisconnectPolicy.Abort"/>.</value>
    public ReplyDisconnectPolicy DisconnectPolicy { get; set; } = ReplyDisconnectPolicy.Abort;

    /// <summary>Gets or sets how many times in a row a broken background stream is read again before the reply fails; the count starts over whenever a chunk arrives.</summary>
    /// <value>The default is 5.</value>
    public int MaxStreamResumes { get; set; } = 5;

    /// <summary>Gets or sets the first delay before a broken background stream is read again; it doubles with each attempt in a row, with jitter.</summary>
    /// <value>The default is 200 milliseconds.</value>
    public TimeSpan StreamResumeDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
