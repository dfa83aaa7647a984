using System.Text.Json;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>A field that Letta sends as a plain string or as JSON (e.g. an array of text parts); <c>default</c> when absent or null.</summary>
/// <param name="Text">The value, when the wire carried a string.</param>
/// <param name="Json">The value, when the wire carried anything else.</param>
/// <remarks>Reading a string straight into <see cref="Text"/> spares every token delta a <see cref="JsonDocument"/>.</remarks>
internal readonly record struct LettaWireText(string? Text, JsonElement? Json);
