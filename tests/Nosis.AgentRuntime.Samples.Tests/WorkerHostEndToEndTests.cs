using System.Net;
using System.Text.Json;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Execution;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;
using Nosis.AgentRuntime.Tests;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>The worker host sample as a real process on loopback, with the Letta emulator, on SQLite and on PostgreSQL.</summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.Postgres)]
[NonParallelizable]
public sealed class WorkerHostEndToEndTests(DatabaseKind kind)
{
    private const string AliceToken = "alice-token";
    private const string BobToken = "bob-token";

    private LettaEmulator _emulator = null!;
    private TestDatabase _database = null!;
    private WorkerHostProcess _worker = null!;
    private WorkerClient _alice = null!;
    private WorkerClient _bob = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _database = await TestDatabase.CreateAsync(kind);
        _emulator = await LettaEmulator.StartNewAsync();
        _worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(_database.Environment)
        {
            ["Letta__BaseUrl"] = _emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{AliceToken}"] = "alice",
            [$"Auth__Tokens__{BobToken}"] = "bob",
        });
        _alice = new WorkerClient(_worker.BaseUrl, AliceToken);
        _bob = new WorkerClient(_worker.BaseUrl, BobToken);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _alice?.Dispose();
        _bob?.Dispose();
        if (_worker is not null)
        {
            await _worker.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Test]
    public async Task Chat_DetachedThreadThroughAiSdkReader_StreamsReplyAndPersistsTranscript()
    {
        var node = NodeInterop.RequireNodeWith("ai6");
        var conversation = await _alice.CreateConversationAsync(new { title = "Detached chat" });
        conversation.GetProperty("workspace_id").ValueKind.Should().Be(JsonValueKind.Null);
        conversation.GetProperty("thread_kind").GetString().Should().Be("chat");
        conversation.GetProperty("execution_target").GetString().Should().Be("sandbox");
        var id = conversation.GetProperty("id").GetString()!;

        var (exitCode, stdout, stderr) = await NodeInterop.RunAsync(
            node, "read-ui-message-stream.mjs", "6", new Uri(_worker.BaseUrl, $"/api/conversations/{id}/chat").ToString(), $"Authorization: Bearer {AliceToken}");

        exitCode.Should().Be(0, stderr);
        using var message = JsonDocument.Parse(stdout);
        var text = string.Concat(message.RootElement.GetProperty("parts").EnumerateArray()
            .Where(p => p.GetProperty("type").GetString() == "text").Select(p => p.GetProperty("text").GetString()));
        text.Should().Be("Echo: Hello");
        message.RootElement.GetProperty("chunkTypes").EnumerateArray().Select(c => c.GetString()).Should().StartWith("start").And.EndWith("finish");

        var transcript = await WaitForMessagesAsync(_alice, id, 2);
        transcript.Select(m => (m.GetProperty("role").GetString(), m.GetProperty("content").GetString()))
            .Should().Equal(("user", "Hello"), ("assistant", "Echo: Hello"));
        transcript[1].GetProperty("id").GetString().Should().Be(message.RootElement.GetProperty("id").GetString());
        transcript[1].GetProperty("completion").GetString().Should().Be("completed");
        transcript[1].GetProperty("step_count").GetInt32().Should().Be(1, "the emulator reports one step for an echo");
        transcript[1].GetProperty("reasoning_tokens").ValueKind.Should().Be(JsonValueKind.Null, "the emulator reports no reasoning tokens");
        transcript[1].GetProperty("cached_input_tokens").ValueKind.Should().Be(JsonValueKind.Null, "the emulator reports no cached input tokens");
        (await _alice.GetAsync($"/api/conversations/{id}")).Json.GetProperty("agent_id").GetString().Should().StartWith("agent-");
    }

    [Test]
    public async Task List_WithAndWithoutFilters_NeverListsLocalRowByDefault()
    {
        var sandbox = (await _alice.CreateConversationAsync(new { title = "Listed" })).GetProperty("id").GetString();
        var workspace = await _alice.PostAsync("/api/workspaces", new { name = "Repo" });
        workspace.Status.Should().Be(HttpStatusCode.Created, workspace.Text);
        var workspaceId = workspace.Json.GetProperty("id").GetString();
        var code = (await _alice.CreateConversationAsync(new { title = "Code", workspace_id = workspaceId })).GetProperty("id").GetString();
        string local;
        await using (var database = _database.Open())
        {
            local = (await database.Conversations.CreateConversationAsync(
                new NewConversation("alice") { Title = "Desktop only", ExecutionTarget = ExecutionTarget.Local })).Id;
        }

        var unfiltered = await ListIdsAsync(_alice, "/api/conversations?limit=100");
        var sandboxOnly = await ListIdsAsync(_alice, "/api/conversations?execution_target=sandbox&limit=100");
        var inWorkspace = await ListIdsAsync(_alice, $"/api/conversations?workspace_id={workspaceId}");
        var localFilter = await _alice.GetAsync("/api/conversations?execution_target=local");

        unfiltered.Should().Contain([sandbox, code]).And.NotContain(local);
        sandboxOnly.Should().BeEquivalentTo(unfiltered);
        inWorkspace.Should().Equal(code);
        localFilter.Status.Should().Be(HttpStatusCode.BadRequest);
        localFilter.Error.Should().Contain("execution_target").And.Contain("accepted values: sandbox");
        (await _alice.GetAsync($"/api/conversations/{local}")).Json.GetProperty("execution_target").GetString().Should().Be("local");
    }

    [Test]
    public async Task Conversation_WithWorkspace_TakesWorkspaceOfficeAndDetachesKeepingIt()
    {
        var office = await _alice.PostAsync("/api/offices", new { name = "Team" });
        office.Status.Should().Be(HttpStatusCode.Created, office.Text);
        var officeId = office.Json.GetProperty("id").GetString();
        var workspaceId = (await _alice.PostAsync("/api/workspaces", new { name = "Shared repo", office_id = officeId })).Json.GetProperty("id").GetString();

        var conversation = await _alice.CreateConversationAsync(new { workspace_id = workspaceId });
        var id = conversation.GetProperty("id").GetString();
        var mismatch = await _alice.PostAsync("/api/conversations", new { workspace_id = workspaceId, office_id = "another-office" });
        var detached = await _alice.PatchAsync($"/api/conversations/{id}/workspace", new { workspace_id = (string?)null });
        var offices = await _alice.GetAsync("/api/offices");

        conversation.GetProperty("office_id").GetString().Should().Be(officeId);
        mismatch.Status.Should().Be(HttpStatusCode.BadRequest);
        mismatch.Error.Should().Contain("office_id");
        detached.Status.Should().Be(HttpStatusCode.OK, detached.Text);
        detached.Json.GetProperty("workspace_id").ValueKind.Should().Be(JsonValueKind.Null);
        detached.Json.GetProperty("office_id").GetString().Should().Be(officeId);
        offices.Json.GetProperty("offices").EnumerateArray().Select(o => o.GetProperty("id").GetString()).Should().Contain(officeId);
    }

    [Test]
    public async Task Users_CannotSeeOrTouchEachOthersConversationsOfficesOrWorkspaces()
    {
        var id = (await _alice.CreateConversationAsync(new { title = "Alice's" })).GetProperty("id").GetString();
        var aliceOffice = (await _alice.GetAsync("/api/offices")).Json.GetProperty("offices")[0].GetProperty("id").GetString();
        var aliceWorkspace = (await _alice.PostAsync("/api/workspaces", new { name = "Alice's repo" })).Json.GetProperty("id").GetString();

        var answers = new[]
        {
            await _bob.GetAsync($"/api/conversations/{id}"),
            await _bob.GetAsync($"/api/conversations/{id}/messages"),
            await _bob.PatchAsync($"/api/conversations/{id}/title", new { title = "Mine now" }),
            await _bob.PostAsync($"/api/conversations/{id}/chat", new { content = "hi" }),
            await _bob.DeleteAsync($"/api/conversations/{id}"),
            await _bob.PostAsync("/api/conversations", new { office_id = aliceOffice }),
            await _bob.PostAsync("/api/conversations", new { workspace_id = aliceWorkspace }),
            await _bob.GetAsync($"/api/conversations?office_id={aliceOffice}"),
            await _bob.GetAsync($"/api/workspaces?office_id={aliceOffice}"),
        };

        answers.Select(a => a.Status).Should().AllBeEquivalentTo(HttpStatusCode.NotFound);
        answers.Select(a => a.Error).Should().OnlyContain(e => e.EndsWith("not found.", StringComparison.Ordinal));
        (await ListIdsAsync(_bob, "/api/conversations?limit=100")).Should().NotContain(id);
        var stillThere = await _alice.GetAsync($"/api/conversations/{id}");
        stillThere.Json.GetProperty("title").GetString().Should().Be("Alice's");
        (await _alice.GetAsync($"/api/conversations/{id}/messages")).Json.GetProperty("messages").GetArrayLength().Should().Be(0);
    }

    [Test]
    public async Task BadInputs_AreRefusedWithClearMessages_AndNothingIsWritten()
    {
        var id = (await _alice.CreateConversationAsync(new { title = "Target" })).GetProperty("id").GetString();
        var before = await CountAliceRowsAsync(id!);
        var createCallsBefore = _emulator.CreateCalls;
        using var anonymous = new WorkerClient(_worker.BaseUrl, token: null);
        using var stranger = new WorkerClient(_worker.BaseUrl, token: "not-a-token");
        var huge = JsonSerializer.Serialize(new { content = new string('x', 1_100_000) });

        var cases = new (WorkerResponse Response, HttpStatusCode Status, string Mentions)[]
        {
            (await anonymous.PostAsync("/api/conversations", new { title = "x" }), HttpStatusCode.Unauthorized, "Authorization: Bearer"),
            (await stranger.PostAsync($"/api/conversations/{id}/chat", new { content = "x" }), HttpStatusCode.Unauthorized, "Unknown bearer token"),
            (await _alice.PostAsync("/api/conversations", new { execution_target = "local" }), HttpStatusCode.BadRequest, "execution_target"),
            (await _alice.PostAsync("/api/conversations", new { execution_target = "SANDBOX" }), HttpStatusCode.BadRequest, "accepted values: sandbox"),
            (await _alice.PostAsync("/api/conversations", new { title = 42 }), HttpStatusCode.BadRequest, "'title'"),
            (await _alice.PostAsync("/api/conversations", new { title = new string('t', 500) }), HttpStatusCode.BadRequest, "'title'"),
            (await _alice.PostAsync("/api/conversations", "{not json"), HttpStatusCode.BadRequest, "JSON"),
            (await _alice.PostAsync("/api/conversations", new { workspace_id = "no-such-workspace" }), HttpStatusCode.NotFound, "Workspace"),
            (await _alice.PostAsync("/api/conversations", huge), HttpStatusCode.RequestEntityTooLarge, "limit"),
            (await _alice.PostAsync($"/api/conversations/{id}/chat", huge), HttpStatusCode.RequestEntityTooLarge, "limit"),
            (await _alice.PostAsync($"/api/conversations/{id}/chat", new { content = "  " }), HttpStatusCode.BadRequest, "'content'"),
            (await _alice.PostAsync($"/api/conversations/{id}/chat", new { messages = new[] { new { role = "assistant", parts = Array.Empty<object>() } } }), HttpStatusCode.BadRequest, "'messages'"),
            (await _alice.PostAsync($"/api/conversations/{id}/chat", new { trigger = "explode", content = "x" }), HttpStatusCode.BadRequest, "'trigger'"),
            (await _alice.PostAsync("/api/conversations/no-such-conversation/chat", new { content = "x" }), HttpStatusCode.NotFound, "Conversation"),
            (await _alice.PatchAsync($"/api/conversations/{id}/execution-target", new { execution_target = "local" }), HttpStatusCode.BadRequest, "execution_target"),
            (await _alice.PatchAsync($"/api/conversations/{id}/title", new { title = "" }), HttpStatusCode.BadRequest, "'title'"),
            (await _alice.PatchAsync($"/api/conversations/{id}/workspace", new { }), HttpStatusCode.BadRequest, "'workspace_id'"),
            (await _alice.GetAsync("/api/conversations?limit=0"), HttpStatusCode.BadRequest, "'limit'"),
            (await _alice.PostAsync("/api/workspaces", new { name = " " }), HttpStatusCode.BadRequest, "'name'"),
            (await _alice.PostAsync("/api/offices", new { }), HttpStatusCode.BadRequest, "'name'"),
        };

        foreach (var (response, status, mentions) in cases)
        {
            response.Status.Should().Be(status, response.Text);
            response.Error.Should().Contain(mentions);
        }

        (await CountAliceRowsAsync(id!)).Should().Be(before);
        var after = (await _alice.GetAsync($"/api/conversations/{id}")).Json;
        after.GetProperty("title").GetString().Should().Be("Target");
        after.GetProperty("agent_id").ValueKind.Should().Be(JsonValueKind.Null);
        _emulator.CreateCalls.Should().Be(createCallsBefore);
    }

    private async Task<(int Conversations, int Workspaces, int Offices, int Messages)> CountAliceRowsAsync(string conversationId)
    {
        await using var database = _database.Open();
        var sandbox = await database.Conversations.ListConversationsAsync(new ConversationQuery { UserId = "alice", Limit = 1000 });
        var local = await database.Conversations.ListConversationsAsync(new ConversationQuery { UserId = "alice", ExecutionTarget = ExecutionTarget.Local, Limit = 1000 });
        var workspaces = await database.Workspaces.ListWorkspacesAsync(userId: "alice", limit: 1000);
        var offices = (await _alice.GetAsync("/api/offices")).Json.GetProperty("offices").GetArrayLength();
        var messages = await database.Messages.ListMessagesAsync(conversationId);
        return (sandbox.Count + local.Count, workspaces.Count, offices, messages.Count);
    }

    private static async Task<List<string?>> ListIdsAsync(WorkerClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.Status.Should().Be(HttpStatusCode.OK, response.Text);
        return [.. response.Json.GetProperty("conversations").EnumerateArray().Select(c => c.GetProperty("id").GetString())];
    }

    internal static async Task<IReadOnlyList<JsonElement>> WaitForMessagesAsync(WorkerClient client, string conversationId, int count)
    {
        // The assistant reply is stored by the background scheduler just after the stream ends.
        for (var attempt = 0; ; attempt++)
        {
            var messages = (await client.GetAsync($"/api/conversations/{conversationId}/messages")).Json.GetProperty("messages");
            if (messages.GetArrayLength() >= count || attempt == 100)
            {
                return [.. messages.EnumerateArray()];
            }

            await Task.Delay(100);
        }
    }
}
