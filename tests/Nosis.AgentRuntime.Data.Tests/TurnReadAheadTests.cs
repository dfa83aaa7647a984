using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Data.Tests;

/// <summary>
/// Taking the turn lease reads the agent, the active run and the latest message along (one round trip on PostgreSQL); the
/// reads that follow answer from it once, and never with what this process has overwritten since.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class TurnReadAheadTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    [Test]
    public async Task ReadsAfterTheLease_AnswerWhatTheDatabaseHolds()
    {
        var id = (await Database.Conversations.CreateConversationAsync(new NewConversation("user"))).Id;
        await Database.AgentIds.TryClaimAgentIdAsync(id, "agent-1");
        var run = new ActiveRun(id, "agent-1", "run-1", "reply-1", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)) { LastSeqId = 4 };
        await Database.ActiveRuns.SetActiveRunAsync(run);
        var question = new UserMessage("user-1", id, "user", "unanswered?", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        await Database.Messages.SaveUserMessageAsync(question);

        (await Database.TurnLeases.TryAcquireAsync(id, "owner", Duration)).Should().BeTrue();

        (await Database.AgentIds.GetAgentIdAsync(id)).Should().Be("agent-1");
        (await Database.ActiveRuns.GetActiveRunAsync(id)).Should().Be(run);
        (await Database.Messages.FindUnansweredTurnAsync(id))!.MessageId.Should().Be("user-1");
    }

    [Test]
    public async Task AWriteAfterTheLease_IsSeenByTheNextRead()
    {
        var id = (await Database.Conversations.CreateConversationAsync(new NewConversation("user"))).Id;
        await Database.Messages.SaveUserMessageAsync(new UserMessage("user-1", id, "user", "first", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)));
        (await Database.TurnLeases.TryAcquireAsync(id, "owner", Duration)).Should().BeTrue();

        await Database.AgentIds.TryClaimAgentIdAsync(id, "agent-2");
        await Database.ActiveRuns.SetActiveRunAsync(new ActiveRun(id, "agent-2", "run-2", "reply-2", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)));
        await Database.Messages.SaveAssistantMessageAsync(new AssistantMessage("reply-1", id, "answer", null, null, ReplyCompletion.Completed, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_001)));

        (await Database.AgentIds.GetAgentIdAsync(id)).Should().Be("agent-2");
        (await Database.ActiveRuns.GetActiveRunAsync(id))!.RunId.Should().Be("run-2");
        (await Database.Messages.FindUnansweredTurnAsync(id)).Should().BeNull("the reply saved after the lease answers the question");
    }

    [Test]
    public async Task WhatTheLeaseRead_AnswersOnce_ThenTheDatabaseAnswersAgain()
    {
        var id = (await Database.Conversations.CreateConversationAsync(new NewConversation("user"))).Id;
        await using var other = TestDatabase.Open(Time);
        (await Database.TurnLeases.TryAcquireAsync(id, "owner", Duration)).Should().BeTrue();
        (await Database.ActiveRuns.GetActiveRunAsync(id)).Should().BeNull();

        await other.ActiveRuns.SetActiveRunAsync(new ActiveRun(id, "agent-3", "run-3", "reply-3", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)));

        (await Database.ActiveRuns.GetActiveRunAsync(id))!.RunId.Should().Be("run-3", "a second read goes to the database");
    }
}
