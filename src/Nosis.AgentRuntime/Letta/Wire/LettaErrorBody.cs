using System.Text.Json;
using System.Text.RegularExpressions;
using Nosis.AgentRuntime.Diagnostics;

namespace Nosis.AgentRuntime.Letta.Wire;

/// <summary>Reads the server's message out of a Letta error body: <c>detail</c> (string or object), <c>error.message</c>, or Cloud's plain <c>error</c> string.</summary>
internal static partial class LettaErrorBody
{
    private const int MaxMessageLength = 500;

    public static LettaErrorInfo Read(string? body, SecretRedactor redactor)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        var info = default(LettaErrorInfo);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                info = ReadObject(root);
            }
        }
        catch (JsonException)
        {
            info = new LettaErrorInfo(body, null, null, null);
        }

        // letta-code's turn-recovery-policy.ts reads the busy run from the words, "…(run_id=run-…)…", when no field names it.
        var runId = info.RunId ?? (info.Message is { } text && RunIdInText().Match(text) is { Success: true } match ? match.Groups[1].Value : null);
        return info with { Message = Shorten(redactor.RedactOrNull(info.Message)), RunId = runId };
    }

    /// <summary>Whether a 503 body is Letta Cloud's refusal during a deploy of a request it did not admit (letta-code <c>src/utils/cloud-api-shutdown.ts</c>): safe to send again.</summary>
    public static bool IsNotAdmittedDeploy(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && Text(root, "errorCode") == "cloud_api_shutting_down"
                && root.TryGetProperty("admitted", out var admitted) && admitted.ValueKind == JsonValueKind.False
                && root.TryGetProperty("retryable", out var retryable) && retryable.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\brun_id=([A-Za-z0-9_-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RunIdInText();

    private static LettaErrorInfo ReadObject(JsonElement root)
    {
        if (root.TryGetProperty("detail", out var detail))
        {
            // The app handler: {"detail": "<text>", "run_id"?: …}; the stream wrapper: {"detail": {"code", "message", "pending_request_id"}}.
            return detail.ValueKind switch
            {
                JsonValueKind.String => new LettaErrorInfo(detail.GetString(), null, null, Text(root, "run_id")),
                JsonValueKind.Object => new LettaErrorInfo(
                    Text(detail, "message") ?? detail.GetRawText(),
                    Text(detail, "code") ?? Text(detail, "error_code"),
                    Text(detail, "pending_request_id"),
                    Text(detail, "run_id") ?? Text(root, "run_id")),
                _ => new LettaErrorInfo(detail.GetRawText(), null, null, null),
            };
        }

        if (root.TryGetProperty("error", out var error))
        {
            return error.ValueKind == JsonValueKind.Object
                ? new LettaErrorInfo(Text(error, "message") ?? Text(error, "type"), Text(error, "type"), null, null)
                : new LettaErrorInfo(error.ValueKind == JsonValueKind.String ? error.GetString() : null, Text(root, "code"), null, Text(root, "run_id"));
        }

        return new LettaErrorInfo(Text(root, "message"), null, null, null);
    }

    private static string? Text(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Shorten(string? text) =>
        text is { Length: > MaxMessageLength } ? string.Concat(text.AsSpan(0, MaxMessageLength), "…") : text;
}

/// <summary>What an error body says: the message, the code, and for a 409 the pending approval or the busy run.</summary>
internal readonly record struct LettaErrorInfo(string? Message, string? Code, string? PendingRequestId, string? RunId);
