using Microsoft.Extensions.Logging.Abstractions;
using Nosis.AgentRuntime.Contracts;
using Nosis.AgentRuntime.Diagnostics;
using Nosis.AgentRuntime.Streaming;
using Nosis.AgentRuntime.Testing.InMemory;

namespace Nosis.AgentRuntime.Tests.Streaming.Layers;

/// <summary>Issue 13, item 1: a reply whose stream ends normally (so the writer sends <c>finish</c>) is already stored.</summary>
public sealed class FinishMeansStoredTests
{
    private InMemoryErrorReporter _errors = null!;
    private InMemoryToolLoader _tools = null!;
    private HeldScheduler _scheduler = null!;

    [SetUp]
    public void SetUp()
    {
        _errors = new InMemoryErrorReporter();
        _tools = new InMemoryToolLoader();
        _scheduler = new HeldScheduler();
    }

    [Test]
    public async Task StreamAsync_FinishedReply_IsStoredBeforeTheStreamEnds_NotLeftToTheScheduler()
    {
        var store = new FlakyMessageStore(failures: 0);

        var events = await Layer(store).CollectAsync(await NewTurnAsync());

        events.Should().NotContain(e => e is ErrorEvent);
        store.Inner.GetAssistantMessages("c_layer").Should().ContainSingle().Which.Completion.Should().Be(ReplyCompletion.Completed);
        _scheduler.Held.Should().BeEmpty("the finished reply is saved inline, not in the background after the finish");
    }

    [Test]
    public async Task StreamAsync_StoreFailsTwiceThenRecovers_RetriesAndFinishesWithTheReplyStoredOnce()
    {
        var store = new FlakyMessageStore(failures: 2);

        var events = await Layer(store).CollectAsync(await NewTurnAsync());

        events.Should().NotContain(e => e is ErrorEvent);
        store.Attempts.Should().Be(3);
        store.Inner.GetAssistantMessages("c_layer").Should().ContainSingle().Which.Text.Should().Be("Hello");
        _errors.Reports.Should().BeEmpty();
    }

    [Test]
    public async Task StreamAsync_StoreStaysDown_EndsWithAStoreFailedErrorInsteadOfFinish_AndQueuesTheReplyAsFailed()
    {
        var store = new FlakyMessageStore(failures: int.MaxValue);

        var events = await Layer(store, TimeSpan.FromMilliseconds(700)).CollectAsync(await NewTurnAsync());

        var error = events[^1].Should().BeOfType<ErrorEvent>().Subject;
        error.ErrorType.Should().Be("store_failed");
        error.Message.Should().Contain("could not be saved");
        store.Attempts.Should().BeGreaterThan(1, "a store failure is retried within the budget");
        _errors.Reports.Should().ContainSingle().Which.ErrorType.Should().Contain(nameof(ReplyNotStoredException));
        var queued = _scheduler.Held.Should().ContainSingle("nothing is lost: the reply is still handed to the scheduler").Subject;
        queued.Name.Should().Be("save-assistant-message");
    }

    [Test]
    public async Task StreamAsync_StoreRefusesTheReplyAsBadInput_DoesNotRetry()
    {
        var store = new FlakyMessageStore(failures: int.MaxValue, failure: () => new ArgumentException("text too long"));

        var events = await Layer(store).CollectAsync(await NewTurnAsync());

        events[^1].Should().BeOfType<ErrorEvent>().Which.ErrorType.Should().Be("store_failed");
        store.Attempts.Should().Be(1);
    }

    private PersistingTurnClient Layer(IMessageStore store, TimeSpan? saveTimeout = null)
    {
        var inner = new ScriptedTurnClient().Then(
            new StepStartEvent(), new TextDeltaEvent("p", "Hel"), new TextDeltaEvent("p", "lo"), StopEvent.FromLetta("end_turn"), new StepFinishEvent());
        var options = new AgentRuntimeOptions { ReplySaveTimeout = saveTimeout ?? TimeSpan.FromSeconds(15) };
        var completer = new ReplyCompleter(store, _scheduler, _errors, SecretRedactor.ForSecret("sk-unused"), options, TimeProvider.System, NullLogger.Instance);
        return new PersistingTurnClient(inner, completer, options);
    }

    private async Task<ChatTurnContext> NewTurnAsync() =>
        TurnContexts.New(await _tools.LoadToolsAsync(new ToolLoadRequest(new ConversationRuntime("c_layer", "u_1", "office_1"))));

    /// <summary>A store whose first assistant saves fail.</summary>
    private sealed class FlakyMessageStore(int failures, Func<Exception>? failure = null) : IMessageStore
    {
        private int _attempts;

        public InMemoryMessageStore Inner { get; } = new();

        public int Attempts => Volatile.Read(ref _attempts);

        public Task SaveUserMessageAsync(UserMessage message, CancellationToken cancellationToken = default) => Inner.SaveUserMessageAsync(message, cancellationToken);

        public Task SaveAssistantMessageAsync(AssistantMessage message, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _attempts) <= failures
                ? throw (failure?.Invoke() ?? new TimeoutException("the database is restarting"))
                : Inner.SaveAssistantMessageAsync(message, cancellationToken);
    }

    /// <summary>A scheduler that keeps the work it is given, so a test sees what was left to the background.</summary>
    private sealed class HeldScheduler : IBackgroundScheduler
    {
        public List<BackgroundWork> Held { get; } = [];

        public ValueTask ScheduleAsync(BackgroundWork work, CancellationToken cancellationToken = default)
        {
            Held.Add(work);
            return ValueTask.CompletedTask;
        }
    }
}
