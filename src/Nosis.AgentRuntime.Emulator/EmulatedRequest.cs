namespace Nosis.AgentRuntime.Emulator;

/// <summary>A request the emulator received (never its credentials).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Query">The query string, with its leading <c>?</c>, or empty.</param>
/// <param name="UserAgent">The <c>User-Agent</c> header, if any.</param>
/// <param name="StatusCode">The status the emulator answered, or 0 when the connection was dropped.</param>
public sealed record EmulatedRequest(string Method, string Path, string Query, string? UserAgent, int StatusCode);
