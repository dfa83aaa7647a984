using System.Diagnostics;
using System.Net;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>The worker host as an operator meets it: the database going away and coming back, a start while it is down, limits, logs.</summary>
[NonParallelizable]
public sealed class WorkerHostOperationsTests
{
    private const string Token = "ops-token";

    [Test]
    public async Task PostgresStoppedAndStarted_ApiAnswers503WithRetryAfter_ThenServesAgain()
    {
        await using var cluster = await StartOwnClusterAsync();
        await using var emulator = await LettaEmulator.StartNewAsync();
        await using var worker = await StartWorkerAsync(await cluster.CreateDatabaseAsync("ops"), emulator);
        using var client = new WorkerClient(worker.BaseUrl, Token);
        await client.CreateConversationAsync(new { title = "Before" });

        await cluster.StopServerAsync();
        var during = await client.GetAsync("/api/conversations");
        var duringCreate = await client.PostAsync("/api/conversations", new { title = "During" });
        await cluster.StartServerAsync();
        var after = await WaitForStatusAsync(client, HttpStatusCode.OK);

        during.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        during.Error.Should().Contain("database");
        during.RetryAfter.Should().Be("5");
        duringCreate.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        after.Json.GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("title").GetString()).Should().Equal("Before");
        worker.Output.Should().NotContain("Unhandled failure");
    }

    [Test]
    public async Task StartedWhilePostgresIsDown_StartsAnswering503_AndRecoversWhenItComesBack()
    {
        await using var cluster = await StartOwnClusterAsync();
        var connectionString = await cluster.CreateDatabaseAsync("ops");
        await cluster.StopServerAsync();
        await using var emulator = await LettaEmulator.StartNewAsync();
        await using var worker = await StartWorkerAsync(connectionString, emulator);
        using var client = new WorkerClient(worker.BaseUrl, Token);

        var whileDown = await client.GetAsync("/api/conversations");
        await cluster.StartServerAsync();
        var recovered = await WaitForStatusAsync(client, HttpStatusCode.OK);
        var created = await client.PostAsync("/api/conversations", new { title = "After recovery" });

        whileDown.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
        whileDown.RetryAfter.Should().NotBeNullOrEmpty();
        recovered.Status.Should().Be(HttpStatusCode.OK);
        created.Status.Should().Be(HttpStatusCode.Created);
        worker.Output.Should().Contain("Database: unavailable").And.Contain("available again");
    }

    [Test]
    public async Task ChatTurnsOverTheUserLimit_Get429WithRetryAfter_OtherUsersAreUnaffected()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var emulator = await LettaEmulator.StartNewAsync();
        await using var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "busy-user",
            ["Auth__Tokens__other-token"] = "other-user",
            ["RateLimit__Chat__PermitsPerWindow"] = "2",
            ["RateLimit__Chat__WindowSeconds"] = "600",
        });
        using var busy = new WorkerClient(worker.BaseUrl, Token);
        using var other = new WorkerClient(worker.BaseUrl, "other-token");
        var mine = (await busy.CreateConversationAsync(new { title = "Mine" })).GetProperty("id").GetString()!;
        var theirs = (await other.CreateConversationAsync(new { title = "Theirs" })).GetProperty("id").GetString()!;

        var allowed = new[] { await busy.PostAsync($"/api/conversations/{mine}/chat", new { content = "one" }), await busy.PostAsync($"/api/conversations/{mine}/chat", new { content = "two" }) };
        var refused = await busy.PostAsync($"/api/conversations/{mine}/chat", new { content = "three" });
        var otherUser = await other.PostAsync($"/api/conversations/{theirs}/chat", new { content = "hello" });
        var notChat = await busy.GetAsync($"/api/conversations/{mine}");

        allowed.Should().OnlyContain(r => r.Status == HttpStatusCode.OK);
        refused.Status.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Error.Should().Contain("Too many chat turns");
        int.Parse(refused.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 600);
        otherUser.Status.Should().Be(HttpStatusCode.OK);
        notChat.Status.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task LettaBaseUrlWithCredentials_NeverReachesTheLog()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var emulator = await LettaEmulator.StartNewAsync();
        var withCredentials = new UriBuilder(emulator.BaseUrl) { UserName = "letta-user", Password = "hunter2-secret" }.Uri;
        await using var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = withCredentials.ToString(),
            [$"Auth__Tokens__{Token}"] = "user-1",
            ["Logging__LogLevel__Default"] = "Trace",
        });
        using var client = new WorkerClient(worker.BaseUrl, Token);
        var id = (await client.CreateConversationAsync(new { title = "Logged" })).GetProperty("id").GetString()!;
        var chat = await client.PostAsync($"/api/conversations/{id}/chat", new { content = "hello" });

        chat.Status.Should().Be(HttpStatusCode.OK);
        worker.Output.Should().Contain("Letta: using the server at").And.Contain("[redacted]@");
        worker.Output.Should().NotContain("hunter2-secret").And.NotContain("letta-user");
    }

    [Test]
    public async Task ClientThatNeverReads_IsAbandonedAfterTheWriteStallTimeout_AndTheConversationIsFree()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var emulator = await LettaEmulator.StartNewAsync();
        await using var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "user-1",
            ["Runtime__ResponseWriteStallTimeout"] = "00:00:02",

            // The worker continues replies in the background by default; the write-stall abort is the Abort policy's.
            ["Runtime__DisconnectPolicy"] = "Abort",
        });
        using var client = new WorkerClient(worker.BaseUrl, Token);
        var id = (await client.CreateConversationAsync(new { title = "Silent client" })).GetProperty("id").GetString()!;
        emulator.Replies.Enqueue(LettaReply.Create().TextTokens([.. Enumerable.Repeat(new string('z', 4096), 4000)]).Build()); // 16 MB: more than any socket buffer

        using var silent = new System.Net.Sockets.TcpClient();
        await silent.ConnectAsync(worker.BaseUrl.Host, worker.BaseUrl.Port);
        silent.ReceiveBufferSize = 4096;
        var body = "{\"content\":\"talk a lot\"}";
        var request = $"POST /api/conversations/{id}/chat HTTP/1.1\r\nHost: {worker.BaseUrl.Authority}\r\nAuthorization: Bearer {Token}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}";
        await silent.GetStream().WriteAsync(System.Text.Encoding.ASCII.GetBytes(request)); // and never read

        await Task.Delay(TimeSpan.FromSeconds(1));
        var waited = Stopwatch.StartNew();
        var next = await client.PostAsync($"/api/conversations/{id}/chat", new { content = "my turn" });
        waited.Stop();

        TestContext.Out.WriteLine($"The turn after a never-reading client started after {waited.Elapsed.TotalSeconds:0.0} s.");
        next.Status.Should().Be(HttpStatusCode.OK, next.Text);
        waited.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15));
        await using var direct = database.Open();
        var replies = new List<Data.MessageRecord>();
        for (var attempt = 0; attempt < 100 && replies.Count < 2; attempt++)
        {
            // The abandoned reply is saved in the background, and may land after the next turn's reply.
            await Task.Delay(attempt == 0 ? 0 : 100);
            replies = [.. (await direct.Messages.ListMessagesAsync(id, 100, 0)).Where(m => m.Role == Data.MessageRole.Assistant)];
        }

        replies.Should().HaveCount(2);
        replies.Should().ContainSingle(r => r.Completion == Contracts.ReplyCompletion.Aborted, "the silent client's reply is kept, partial, as aborted")
            .Which.Content.Should().NotBe("Echo: my turn");
    }

    private static async Task<PostgresCluster> StartOwnClusterAsync()
    {
        await SharedPostgresCluster.GetAsync(); // the skip-or-fail rule when PostgreSQL is missing
        return await PostgresCluster.StartAsync(PostgresCluster.FindBinDirectory()!);
    }

    private static Task<WorkerHostProcess> StartWorkerAsync(string connectionString, LettaEmulator emulator) =>
        WorkerHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgres",
            ["Database__ConnectionString"] = connectionString,
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "user-1",
        });

    private static async Task<WorkerResponse> WaitForStatusAsync(WorkerClient client, HttpStatusCode status)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync("/api/conversations");
            if (response.Status == status || waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                return response;
            }

            await Task.Delay(200);
        }
    }
}
