using System.Text.RegularExpressions;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Nosis.AgentRuntime.Samples.Tests.Infrastructure;
using Nosis.AgentRuntime.Emulator;

namespace Nosis.AgentRuntime.Samples.Tests;

/// <summary>The finish means stored: a reply whose <c>finish</c> reached its client is in the database, whatever happens next.</summary>
[NonParallelizable]
public sealed partial class DurableReplyTests
{
    private const string Token = "durable-token";
    private const int Replies = 40;

    [Test]
    public async Task PostgresRestartedWhile40RepliesStream_EveryReplyWhoseFinishReachedItsClientIsStored()
    {
        await SharedPostgresCluster.GetAsync(); // the skip-or-fail rule when PostgreSQL is missing
        await using var cluster = await PostgresCluster.StartAsync(PostgresCluster.FindBinDirectory()!);
        var connectionString = await cluster.CreateDatabaseAsync("durable");
        await using var emulator = await LettaEmulator.StartNewAsync();
        emulator.Faults.TrickleDelay = TimeSpan.FromMilliseconds(60);
        await using var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = "postgres",
            ["Database__ConnectionString"] = connectionString,
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "user-1",
            ["Logging__LogLevel__Default"] = "Warning",
        });
        using var client = new WorkerClient(worker.BaseUrl, Token);
        var conversations = new List<string>();
        for (var i = 0; i < Replies; i++)
        {
            conversations.Add((await client.CreateConversationAsync(new { title = $"Reply {i}" })).GetProperty("id").GetString()!);
        }

        // Every reply is held mid-stream, the database goes down, the replies finish while it is down, then it comes back.
        var gate = new TaskCompletionSource();
        for (var i = 0; i < Replies; i++)
        {
            emulator.Replies.Enqueue(LettaReply.Create().Text("Streaming before the restart").WaitFor(gate.Task).Text("and after it").Build());
        }

        var streams = await Task.WhenAll(conversations.Select(id => ChatStreamReader.StartAsync(worker.BaseUrl, Token, id, "hello")));
        (await Task.WhenAll(streams.Select(s => s.ReadUntilAsync("\"type\":\"text-delta\"", TimeSpan.FromSeconds(60))))).Should().OnlyContain(b => b);
        await cluster.StopServerAsync();
        gate.SetResult();
        var reading = Task.WhenAll(streams.Select(s => s.ReadToEndAsync(TimeSpan.FromSeconds(60))));
        await Task.Delay(TimeSpan.FromSeconds(2));
        await cluster.StartServerAsync();
        var texts = await reading;
        var responses = texts.Select((text, i) => (Status: streams[i].Status, Text: text)).ToArray();
        await Task.WhenAll(streams.Select(s => s.DisposeAsync().AsTask()));

        await using var database = AgentRuntimeDatabase.CreatePostgres(connectionString);
        int finished = 0, stored = 0, storeFailed = 0, refused = 0;
        var lost = new List<string>();
        for (var i = 0; i < Replies; i++)
        {
            var text = responses[i].Text;
            if (responses[i].Status != 200)
            {
                refused++;
                continue;
            }

            storeFailed += text.Contains("\"errorText\"", StringComparison.Ordinal) && text.Contains("could not be saved", StringComparison.Ordinal) ? 1 : 0;
            if (!text.Contains("\"type\":\"finish\"", StringComparison.Ordinal))
            {
                continue;
            }

            finished++;
            var messageId = MessageId().Match(text).Groups[1].Value;
            var messages = await database.Messages.ListMessagesAsync(conversations[i], 100, 0);
            if (messages.Any(m => m.Id == messageId && m.Completion == ReplyCompletion.Completed))
            {
                stored++;
            }
            else
            {
                lost.Add(conversations[i]);
            }
        }

        var retries = Regex.Count(worker.Output, "Storing the reply of conversation");
        TestContext.Out.WriteLine($"PostgreSQL restarted under {Replies} streaming replies: {finished} finished, {stored} of them stored, "
            + $"{lost.Count} lost; {storeFailed} ended with a store_failed error; {refused} refused; {retries} save retries logged.");
        retries.Should().BeGreaterThan(0, "the replies finished while the database was down");
        finished.Should().BeGreaterThan(0);
        lost.Should().BeEmpty("a reply whose finish reached its client is already stored");
    }

    [Test]
    public async Task WorkerKilledTheMomentTheClientReadsFinish_TheReplyIsStored()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var emulator = await LettaEmulator.StartNewAsync();
        var worker = await WorkerHostProcess.StartAsync(new Dictionary<string, string>(database.Environment)
        {
            ["Letta__BaseUrl"] = emulator.BaseUrl.ToString(),
            [$"Auth__Tokens__{Token}"] = "user-1",
        });
        using var client = new WorkerClient(worker.BaseUrl, Token);
        var ids = new List<(string Conversation, string Message)>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(((await client.CreateConversationAsync(new { title = $"Killed {i}" })).GetProperty("id").GetString()!, string.Empty));
        }

        var streams = await Task.WhenAll(ids.Select(id => ChatStreamReader.StartAsync(worker.BaseUrl, Token, id.Conversation, "remember me")));
        var sawFinish = await Task.WhenAll(streams.Select(s => s.ReadUntilAsync("\"type\":\"finish\"", TimeSpan.FromSeconds(30))));
        await worker.DisposeAsync(); // kill -9 the moment the finishes were read
        await using var direct = database.Open();
        var missing = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            var messageId = MessageId().Match(streams[i].Read).Groups[1].Value;
            var messages = await direct.Messages.ListMessagesAsync(ids[i].Conversation, 100, 0);
            if (!messages.Any(m => m.Id == messageId && m.Completion == ReplyCompletion.Completed))
            {
                missing.Add(ids[i].Conversation);
            }

            await streams[i].DisposeAsync();
        }

        sawFinish.Should().OnlyContain(seen => seen);
        missing.Should().BeEmpty("the reply was stored before its finish was written");
    }

    [GeneratedRegex("\"type\":\"start\",\"messageId\":\"([^\"]+)\"")]
    private static partial Regex MessageId();
}
