using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Nosis.AgentRuntime.Emulator;

/// <summary>Reads the JSON of a <see cref="LettaReplyScript"/>; every error names the place in the script.</summary>
internal static class ReplyScriptParser
{
    private const string StepKinds = "reasoning, hiddenReasoning, text, serverTool, parallelTools, clientTool, error, delayMs, trickleMs, stop, cancel, usage";

    public static LettaReplyScript Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Reply script: not valid JSON ({exception.Message}).", exception);
        }

        if (root is not JsonObject script)
        {
            throw new FormatException("Reply script: the top level must be an object with 'replies' and/or 'faults'.");
        }

        var rules = new List<(Regex, LettaReply)>();
        var replies = script["replies"] as JsonArray ?? (script["replies"] is null ? [] : throw new FormatException("Reply script: 'replies' must be an array."));
        for (var i = 0; i < replies.Count; i++)
        {
            var where = $"replies[{i}]";
            var rule = replies[i] as JsonObject ?? throw new FormatException($"Reply script: {where} must be an object.");
            rules.Add((ReadMatch(rule, where), ReadReply(rule["steps"] as JsonArray ?? throw new FormatException($"Reply script: {where}.steps must be an array."), where)));
        }

        return new LettaReplyScript(rules, ReadFaults(script["faults"] as JsonObject));
    }

    private static Regex ReadMatch(JsonObject rule, string where)
    {
        var text = Text(rule, "match", where) ?? string.Empty;
        var pattern = (Text(rule, "matchKind", where) ?? "contains") switch
        {
            "contains" => Regex.Escape(text),
            "equals" => $"^{Regex.Escape(text)}$",
            "regex" => text,
            var other => throw new FormatException($"Reply script: {where}.matchKind '{other}' is not one of contains, equals, regex."),
        };
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException exception)
        {
            throw new FormatException($"Reply script: {where}.match is not a valid regular expression ({exception.Message}).", exception);
        }
    }

    private static LettaReply ReadReply(JsonArray steps, string where)
    {
        var reply = LettaReply.Create();
        for (var i = 0; i < steps.Count; i++)
        {
            var at = $"{where}.steps[{i}]";
            var step = steps[i] as JsonObject ?? throw new FormatException($"Reply script: {at} must be an object such as {{\"text\": \"Hello\"}}.");
            var (kind, value) = step.Count == 1 ? step.First() : throw new FormatException($"Reply script: {at} must have exactly one of {StepKinds}.");
            _ = kind switch
            {
                "reasoning" => reply.Reasoning(String(value, at)),
                "hiddenReasoning" => reply.HiddenReasoning(String(value, at)),
                "text" => reply.Text(String(value, at)),
                "serverTool" => reply.ParallelToolCalls(Tool(value, at)),
                "parallelTools" => reply.ParallelToolCalls([.. (value as JsonArray ?? throw new FormatException($"Reply script: {at}.parallelTools must be an array.")).Select((t, n) => Tool(t, $"{at}.parallelTools[{n}]"))]),
                "clientTool" => reply.ClientToolCall(Text(Object(value, at), "name", at) ?? throw Missing(at, "name"), Arguments(Object(value, at), at)),
                "error" => reply.Error(Text(Object(value, at), "type", at) ?? "internal_error", Text(Object(value, at), "message", at) ?? "The emulator was told to fail."),
                "delayMs" => reply.Delay(TimeSpan.FromMilliseconds(Number(value, at))),
                "trickleMs" => reply.Trickle(TimeSpan.FromMilliseconds(Number(value, at))),
                "stop" => reply.StopReason(String(value, at)),
                "cancel" => reply.Cancelled(),
                "compaction" => reply.Compaction(String(value, at)),
                "responseState" => reply.ResponseState(),
                "usage" => reply.Usage(Number(Object(value, at)["prompt"], $"{at}.prompt"), Number(Object(value, at)["completion"], $"{at}.completion")),
                _ => throw new FormatException($"Reply script: {at} has the unknown step '{kind}'; expected one of {StepKinds}."),
            };
        }

        return reply.Build();
    }

    private static LettaScriptedFaults ReadFaults(JsonObject? faults)
    {
        if (faults is null)
        {
            return new LettaScriptedFaults();
        }

        var latency = new Dictionary<LettaEmulatorEndpoint, TimeSpan>();
        foreach (var (name, value) in faults["latencyMs"] as JsonObject ?? [])
        {
            latency[Endpoint(name, "faults.latencyMs")] = TimeSpan.FromMilliseconds(Number(value, $"faults.latencyMs.{name}"));
        }

        var failures = new List<(LettaEmulatorEndpoint, int, int)>();
        var failNext = faults["failNext"] as JsonArray ?? [];
        for (var i = 0; i < failNext.Count; i++)
        {
            var at = $"faults.failNext[{i}]";
            var failure = Object(failNext[i], at);
            failures.Add((Endpoint(Text(failure, "endpoint", at) ?? throw Missing(at, "endpoint"), at), (int)Number(failure["status"], $"{at}.status"), failure["count"] is null ? 1 : (int)Number(failure["count"], $"{at}.count")));
        }

        return new LettaScriptedFaults
        {
            TrickleDelay = faults["trickleMs"] is { } trickle ? TimeSpan.FromMilliseconds(Number(trickle, "faults.trickleMs")) : TimeSpan.Zero,
            Latency = latency,
            FailNext = failures,
            DropFirstStreamAfter = faults["dropFirstStreamAfter"] is { } drop ? (int)Number(drop, "faults.dropFirstStreamAfter") : null,
        };
    }

    private static LettaEmulatedToolCall Tool(JsonNode? value, string at)
    {
        var tool = Object(value, at);
        return new LettaEmulatedToolCall(Text(tool, "name", at) ?? throw Missing(at, "name"), Arguments(tool, at), Text(tool, "result", at) ?? string.Empty, tool["isError"] is JsonValue e && e.TryGetValue<bool>(out var isError) && isError);
    }

    private static string Arguments(JsonObject tool, string at) => tool["arguments"] switch
    {
        null => "{}",
        JsonObject arguments => arguments.ToJsonString(),
        JsonValue text when text.TryGetValue<string>(out var raw) => raw,
        _ => throw new FormatException($"Reply script: {at}.arguments must be an object or a JSON string."),
    };

    private static LettaEmulatorEndpoint Endpoint(string name, string at) =>
        Enum.TryParse<LettaEmulatorEndpoint>(name, ignoreCase: true, out var endpoint)
            ? endpoint
            : throw new FormatException($"Reply script: {at} names the unknown endpoint '{name}'; expected one of {string.Join(", ", Enum.GetNames<LettaEmulatorEndpoint>())}.");

    private static JsonObject Object(JsonNode? value, string at) => value as JsonObject ?? throw new FormatException($"Reply script: {at} must be an object.");

    private static string? Text(JsonObject obj, string property, string at) => obj[property] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new FormatException($"Reply script: {at}.{property} must be a string."),
    };

    private static string String(JsonNode? value, string at) =>
        value is JsonValue v && v.TryGetValue<string>(out var text) ? text : throw new FormatException($"Reply script: {at} must be a string.");

    private static long Number(JsonNode? value, string at) =>
        value is JsonValue v && v.TryGetValue<long>(out var number) && number >= 0 ? number : throw new FormatException($"Reply script: {at} must be a whole number of 0 or more.");

    private static FormatException Missing(string at, string property) => new($"Reply script: {at} needs '{property}'.");
}
