namespace Nosis.AgentRuntime.Streaming;

/// <summary>Letta reported an error inside the reply stream.</summary>
internal sealed class LettaStreamFailedException : Exception
{
    public LettaStreamFailedException(string errorType, string message)
        : base($"Letta reported {errorType}: {message}")
    {
        ErrorType = errorType;
    }

    public string ErrorType { get; }
}
