namespace Nosis.AgentRuntime.Contracts;

/// <summary>What one component owns and what it must not do.</summary>
/// <param name="Component">The component.</param>
/// <param name="Owns">What it is responsible for.</param>
/// <param name="MustNot">What it must leave to others.</param>
public sealed record ResponsibilityBoundary(RuntimeComponent Component, IReadOnlyList<string> Owns, IReadOnlyList<string> MustNot);
