using System.Text.Json;

namespace Nosis.AgentRuntime.RaceWorker;

/// <summary>Writes one JSON object per stdout line, whole lines only, from many threads.</summary>
internal static class JsonLines
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private static readonly Lock Gate = new();

    public static void Write<T>(T value)
    {
        var line = JsonSerializer.Serialize(value, Options);
        lock (Gate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }
}
