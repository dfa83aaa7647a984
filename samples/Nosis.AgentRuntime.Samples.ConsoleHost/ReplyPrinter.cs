using Nosis.AgentRuntime.Streaming;

namespace Nosis.AgentRuntime.Samples.ConsoleHost;

/// <summary>Writes a reply to the terminal as its events arrive: reasoning and text token by token, tools on lines of their own.</summary>
internal static class ReplyPrinter
{
    public static async Task<ErrorEvent?> PrintAsync(IAsyncEnumerable<AgentChatEvent> events)
    {
        ErrorEvent? error = null;
        string? openLine = null;
        await foreach (var chatEvent in events)
        {
            switch (chatEvent)
            {
                case TextDeltaEvent text:
                    Stream(ref openLine, "  assistant › ", text.Delta);
                    break;
                case ReasoningDeltaEvent reasoning:
                    Stream(ref openLine, "  (thinking) ", reasoning.Delta);
                    break;
                case ToolCallEvent call:
                    Line(ref openLine, $"  tool call › {call.ToolName}({call.ArgumentsJson})");
                    break;
                case ToolResultEvent result:
                    Line(ref openLine, $"  tool {(result.IsError ? "error" : "result")} › {result.Output}");
                    break;
                case ErrorEvent failed:
                    error = failed;
                    break;
            }
        }

        Line(ref openLine, null);
        return error;
    }

    private static void Stream(ref string? openLine, string prefix, string delta)
    {
        if (!ReferenceEquals(openLine, prefix))
        {
            Line(ref openLine, null);
            Console.Write(prefix);
            openLine = prefix;
        }

        Console.Write(delta);
    }

    private static void Line(ref string? openLine, string? text)
    {
        if (openLine is not null)
        {
            Console.WriteLine();
            openLine = null;
        }

        if (text is not null)
        {
            Console.WriteLine(text);
        }
    }
}
