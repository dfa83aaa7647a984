namespace Nosis.AgentRuntime.Emulator.Models;

/// <summary>A function tool call: one the scripted model makes, or one the model server found in a request's assistant message.</summary>
/// <param name="Name">The function name.</param>
/// <param name="ArgumentsJson">The arguments, as JSON text.</param>
/// <param name="Id">The tool call id (<c>call_…</c>); a fresh one is made for a scripted call when <see langword="null"/>.</param>
public sealed record ScriptedToolCall(string Name, string ArgumentsJson, string? Id = null);
