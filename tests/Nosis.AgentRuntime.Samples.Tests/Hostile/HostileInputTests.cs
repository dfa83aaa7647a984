using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Samples.Tests.Hostile;

/// <summary>Several hundred generated hostile requests against the real worker host process, on SQLite and on PostgreSQL.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.Postgres)]
[NonParallelizable]
public sealed class HostileInputTests(DatabaseKind kind)
{
    private const string Token = "hostile-token";

    [Test]
    public async Task GeneratedHostileRequests_NeverGet5xxOrStackTraces_AndEveryRefusalHasTheErrorBody()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var emulator = await LettaEmulator.StartNewAsync();
        await using var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "mallory",
            ["Logging__LogLevel__Default"] = "Warning",
            ["RateLimit__Chat__PermitsPerWindow"] = "0", // every hostile chat reaches the endpoint
        });
        using var client = new WorkerClient(worker.BaseUrl, Token);
        var conversation = (await client.CreateConversationAsync(new { title = "Target" })).GetProperty("id").GetString()!;
        var workspace = (await client.PostAsync("/api/workspaces", new { name = "Target" })).Json.GetProperty("id").GetString()!;
        using var http = new HttpClient { BaseAddress = worker.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };

        var requests = HostileRequests.All(conversation, workspace).ToList();
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();
        var kestrelRefusals = 0;
        foreach (var request in requests)
        {
            var (status, mediaType, body) = await SendAsync(http, request);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"{request} -> {status}: {Preview(body)}");
            }

            if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
            {
                failures.Add($"{request} -> {status} leaks a stack trace or exception: {Preview(body)}");
            }

            if (request.RefusedByKestrel)
            {
                // Kestrel's own request-line check answers 400 with no body and no hook for the application; only the status is checked.
                kestrelRefusals++;
                if (status != 400)
                {
                    failures.Add($"{request} -> {status}, expected Kestrel's 400");
                }
            }
            else if (status >= 400 && request.Method != "HEAD" && !HasErrorBody(mediaType, body))
            {
                failures.Add($"{request} -> {status} without the JSON error body: {mediaType} {Preview(body)}");
            }
        }

        TestContext.Out.WriteLine($"{kind}: {requests.Count} hostile requests; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}; "
            + $"{statuses.Where(s => s.Key >= 500).Sum(s => s.Value)} answers ≥ 500; {kestrelRefusals} bodiless 400s from Kestrel for a NUL in the path; {failures.Count} failures.");
        failures.ForEach(TestContext.Out.WriteLine);
        requests.Count.Should().BeGreaterThan(300);
        failures.Should().BeEmpty();
        worker.Output.Should().NotContain("Unhandled failure");
        await using var direct = database.Open();
        var stored = await direct.Messages.ListMessagesAsync(conversation, 1000, 0);
        stored.Should().NotBeEmpty("the well-formed hostile texts (injections, bidi, emoji) are ordinary chat turns");
        stored.Should().NotContain(m => m.Content.Contains('\0'), "NUL is refused, never stored");
    }

    [Test]
    public async Task ControlCharacters_AreRefusedWith400_WhileBidiTextIsStoredFaithfully()
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var emulator = await LettaEmulator.StartNewAsync();
        await using var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "mallory",
        });
        using var client = new WorkerClient(worker.BaseUrl, Token);
        var id = (await client.CreateConversationAsync(new { title = "Target" })).GetProperty("id").GetString()!;

        var nulTitle = await client.PostAsync("/api/conversations", new { title = "a\u0000b" });
        var bellName = await client.PostAsync("/api/offices", new { name = "bell\u0007" });
        var nulChat = await client.PostAsync($"/api/conversations/{id}/chat", new { content = "hi\u0000there" });
        var bidi = await client.CreateConversationAsync(new { title = "\u202Egnp.exe\u202C \u200F\u2066isolate\u2069" });

        nulTitle.Status.Should().Be(HttpStatusCode.BadRequest);
        nulTitle.Error.Should().Contain("'title'").And.Contain("U+0000");
        bellName.Status.Should().Be(HttpStatusCode.BadRequest);
        bellName.Error.Should().Contain("U+0007");
        nulChat.Status.Should().Be(HttpStatusCode.BadRequest);
        nulChat.Error.Should().Contain("'content'");
        bidi.GetProperty("title").GetString().Should().Be("\u202Egnp.exe\u202C \u200F\u2066isolate\u2069");
        (await client.GetAsync($"/api/conversations/{id}/messages")).Json.GetProperty("messages").GetArrayLength().Should().Be(0, "a refused chat stores nothing");
    }

    private static async Task<(int Status, string? MediaType, string Body)> SendAsync(HttpClient http, HostileRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Target);
        if (request.Authenticated)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        }

        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }

            message.Headers.ExpectContinue = request.Body.Length > 64 * 1024;
        }

        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    private static bool HasErrorBody(string? mediaType, string body)
    {
        // The worker's own refusals are application/json; the chat endpoint's are problem details carrying the same "error".
        if (mediaType is not ("application/json" or "application/problem+json"))
        {
            return false;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String && error.GetString()!.Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Preview(string body) => body.Length > 200 ? body[..200] + "…" : body;
}
