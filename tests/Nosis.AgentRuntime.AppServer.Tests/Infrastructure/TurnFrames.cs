using System.Text.Json.Nodes;

namespace Nosis.AgentRuntime.AppServer.Tests.Infrastructure;

/// <summary>Reads a turn out of the frames an <see cref="AppServerSocket"/> recorded.</summary>
public static class TurnFrames
{
    /// <summary>The <c>delta</c> of every <c>stream_delta</c> received from index <paramref name="mark"/> on.</summary>
    public static List<JsonObject> Deltas(AppServerSocket socket, int mark) =>
        [.. socket.Frames.Skip(mark).Where(f => f.Direction == FrameDirection.Received && AppServerSocket.Type(f.Frame) == "stream_delta").Select(f => f.Frame["delta"]!.AsObject())];

    public static IEnumerable<JsonObject> OfType(this IEnumerable<JsonObject> deltas, string messageType) =>
        deltas.Where(d => (string?)d["message_type"] == messageType);

    /// <summary>The text of the <c>assistant_message</c> deltas, joined.</summary>
    public static string AssistantText(IEnumerable<JsonObject> deltas) =>
        string.Concat(deltas.OfType("assistant_message").SelectMany(d => d["content"]!.AsArray()).Select(p => (string?)p!["text"]));

    public static string NewTag() => "nosis-test-" + Guid.NewGuid().ToString("N")[..12];
}
