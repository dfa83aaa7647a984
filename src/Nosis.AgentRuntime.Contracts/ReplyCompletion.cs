namespace Nosis.AgentRuntime.Contracts;

/// <summary>How an assistant reply ended.</summary>
public enum ReplyCompletion
{
    /// <summary>Letta finished the reply.</summary>
    Completed = 0,

    /// <summary>The client stopped reading or cancelled; the text is what had streamed so far.</summary>
    Aborted = 1,

    /// <summary>Letta or the connection to it failed; the text is what had streamed so far.</summary>
    Failed = 2,

    /// <summary>Someone stopped the reply on purpose (an explicit stop, which cancelled the Letta run); the text is what had streamed so far.</summary>
    Stopped = 3,
}
