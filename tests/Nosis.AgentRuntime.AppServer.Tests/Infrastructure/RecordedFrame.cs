using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

/// <summary>One Protocol V2 frame a test sent or received.</summary>
public sealed record RecordedFrame(FrameDirection Direction, JsonObject Frame);
