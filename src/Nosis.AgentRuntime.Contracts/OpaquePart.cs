namespace Nosis.AgentRuntime.Contracts;

/// <summary>A part the runtime does not interpret (a file, a source, a host's <c>data-*</c> part), kept as it was sent.</summary>
/// <param name="Type">The part's type as sent, e.g. <c>file</c>.</param>
/// <param name="Json">The whole part as a JSON object, unchanged.</param>
public sealed record OpaquePart(string Type, string Json) : MessagePart;
