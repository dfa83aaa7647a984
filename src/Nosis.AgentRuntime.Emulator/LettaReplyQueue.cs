using System.Collections.Concurrent;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>The scripted replies waiting to be played: per agent first, then global, then a matching script rule, then the default echo. Thread-safe.</summary>
public sealed class LettaReplyQueue
{
    private readonly ConcurrentQueue<LettaReply> _global = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<LettaReply>> _perAgent = new(StringComparer.Ordinal);
    private volatile LettaReplyScript? _script;

    /// <summary>Queues a reply for the next send to any agent.</summary>
    /// <param name="reply">The reply.</param>
    public void Enqueue(LettaReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        _global.Enqueue(reply);
    }

    /// <summary>Queues a reply for the next send to <paramref name="agentId"/>.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="reply">The reply.</param>
    public void Enqueue(string agentId, LettaReply reply)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agentId);
        ArgumentNullException.ThrowIfNull(reply);
        _perAgent.GetOrAdd(agentId, _ => new ConcurrentQueue<LettaReply>()).Enqueue(reply);
    }

    /// <summary>Plays <paramref name="script"/>'s matching rule whenever no queued reply is waiting; replaces an earlier script.</summary>
    /// <param name="script">The script; <see langword="null"/> removes it.</param>
    public void UseScript(LettaReplyScript? script) => _script = script;

    internal LettaReply Take(string agentId, string userText) => Take(agentId, agentId, userText);

    /// <summary>The reply for a send to a conversation: one queued for the conversation, else for its agent, else any.</summary>
    internal LettaReply Take(string targetId, string agentId, string userText) =>
        _perAgent.TryGetValue(targetId, out var queue) && queue.TryDequeue(out var mine) ? mine
        : !string.Equals(targetId, agentId, StringComparison.Ordinal) && _perAgent.TryGetValue(agentId, out var agentQueue) && agentQueue.TryDequeue(out var agents) ? agents
        : _global.TryDequeue(out var any) ? any
        : _script?.Match(userText) ?? LettaReply.Default(userText);
}
