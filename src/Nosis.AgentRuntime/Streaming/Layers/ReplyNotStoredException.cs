namespace Nosis.AgentRuntime.Streaming;

/// <summary>A finished reply could not be stored within the save budget, so its stream ended with an error instead of <c>finish</c>.</summary>
internal sealed class ReplyNotStoredException(Exception innerException)
    : Exception("The reply could not be stored: " + innerException.Message, innerException);
