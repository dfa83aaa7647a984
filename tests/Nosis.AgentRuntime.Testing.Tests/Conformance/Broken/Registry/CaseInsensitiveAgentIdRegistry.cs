namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Registry;

/// <summary>Conversation ids compared without regard to case, as a NOCASE or <c>_ci</c> collation does.</summary>
public sealed class CaseInsensitiveAgentIdRegistry() : BrokenRegistry(StringComparer.OrdinalIgnoreCase);
