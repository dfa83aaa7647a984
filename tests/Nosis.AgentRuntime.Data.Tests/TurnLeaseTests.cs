using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Data.Tests;

[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class TurnLeaseTests(DatabaseKind kind) : DatabaseTest(kind)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private string _conversationId = null!;

    [SetUp]
    public async Task CreateConversationAsync() =>
        _conversationId = (await Database.Conversations.CreateConversationAsync(new NewConversation("user"))).Id;

    [Test]
    public async Task TryAcquireAsync_HeldByAnother_False()
    {
        (await Database.TurnLeases.TryAcquireAsync(_conversationId, "a", Duration)).Should().BeTrue();

        (await Database.TurnLeases.TryAcquireAsync(_conversationId, "b", Duration)).Should().BeFalse();
        (await Database.TurnLeases.TryAcquireAsync(_conversationId, "a", Duration)).Should().BeTrue("the holder acquiring again keeps it");
    }

    [Test]
    public async Task TryAcquireAsync_Expired_TakenOverAndOldOwnerCannotRenew()
    {
        await Database.TurnLeases.TryAcquireAsync(_conversationId, "a", Duration);
        Time.Advance(Duration - TimeSpan.FromMilliseconds(1));
        (await Database.TurnLeases.TryAcquireAsync(_conversationId, "b", Duration)).Should().BeFalse("the lease has not expired yet");

        Time.Advance(TimeSpan.FromMilliseconds(1));

        (await Database.TurnLeases.TryAcquireAsync(_conversationId, "b", Duration)).Should().BeTrue();
        (await Database.TurnLeases.RenewAsync(_conversationId, "a", Duration)).Should().BeFalse();
    }

    [Test]
    public async Task RenewAsync_ByHolder_ExtendsTheLease()
    {
        await Database.TurnLeases.TryAcquireAsync(_conversationId, "a", Duration);
        Time.Advance(TimeSpan.FromSeconds(20));

        (await Database.TurnLeases.RenewAsync(_conversationId, "a", Duration)).Should().BeTrue();
        Time.Advance(TimeSpan.FromSeconds(20));

        (await Database.TurnLeases.TryAcquireAsync(_conversationId, "b", Duration)).Should().BeFalse("the renewal moved the expiry");
        (await Database.TurnLeases.RenewAsync(_conversationId, "b", Duration)).Should().BeFalse("only the holder renews");
    }

    [Test]
    public async Task ReleaseAsync_ByAnother_DoesNothing_ByHolder_FreesTheLease()
    {
        await Database.TurnLeases.TryAcquireAsync(_conversationId, "a", Duration);

        await Database.TurnLeases.ReleaseAsync(_conversationId, "b");
        (await Database.TurnLeases.TryAcquireAsync(_conversationId, "b", Duration)).Should().BeFalse();

        await Database.TurnLeases.ReleaseAsync(_conversationId, "a");
        (await Database.TurnLeases.TryAcquireAsync(_conversationId, "b", Duration)).Should().BeTrue();
    }

    [Test]
    public async Task TryAcquireAsync_ThirtyTwoConcurrentOwners_ExactlyOneHolds()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => TestDatabase.Open(Time)).ToList();
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await instances[i % instances.Count].TurnLeases.TryAcquireAsync(_conversationId, $"owner-{i}", Duration);
        })).ToList();
        start.Set();

        (await Task.WhenAll(attempts)).Count(won => won).Should().Be(1);
    }

    [Test]
    public async Task TryAcquireAsync_MissingConversation_False()
    {
        (await Database.TurnLeases.TryAcquireAsync("missing", "a", Duration)).Should().BeFalse();
    }

    [Test]
    public async Task TryAcquireAsync_NonPositiveDuration_Throws()
    {
        var act = () => Database.TurnLeases.TryAcquireAsync(_conversationId, "a", TimeSpan.Zero);

        await act.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
