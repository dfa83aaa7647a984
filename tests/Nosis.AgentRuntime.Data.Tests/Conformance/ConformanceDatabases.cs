using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Data.Tests.Conformance;

/// <summary>The fresh databases behind the stores a conformance suite creates: which database each store runs on, and their clean-up.</summary>
/// <param name="kind">Which database the suite runs on.</param>
/// <remarks>The kit hands back only the store, so each store is mapped to its instance; a test's hooks run one after another.</remarks>
public sealed class ConformanceDatabases(DatabaseKind kind)
{
    private readonly Dictionary<object, Entry> _byStore = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates a fresh, migrated database.</summary>
    /// <param name="timeProvider">The clock of the instance; <see langword="null"/> for the system clock.</param>
    /// <returns>An instance over it; register the store the suite gets with <see cref="Register"/>.</returns>
    public async Task<(TestDatabase TestDatabase, AgentRuntimeDatabase Database)> CreateAsync(TimeProvider? timeProvider = null)
    {
        var testDatabase = await TestDatabase.CreateAsync(kind);
        var database = testDatabase.Open(timeProvider);
        await database.MigrateAsync();
        return (testDatabase, database);
    }

    /// <summary>Remembers which database a store runs on.</summary>
    /// <param name="store">The store handed to the suite.</param>
    /// <param name="testDatabase">Its test database.</param>
    /// <param name="database">Its instance.</param>
    /// <param name="ownsTestDatabase">Whether releasing the store deletes the test database (false for a second instance over it).</param>
    public void Register(object store, TestDatabase testDatabase, AgentRuntimeDatabase database, bool ownsTestDatabase) =>
        _byStore.Add(store, new Entry(testDatabase, database, ownsTestDatabase));

    /// <summary>Returns the instance a store runs on.</summary>
    /// <param name="store">A registered store.</param>
    /// <returns>Its instance.</returns>
    public AgentRuntimeDatabase DatabaseOf(object store) => _byStore[store].Database;

    /// <summary>Returns the test database a store runs on.</summary>
    /// <param name="store">A registered store.</param>
    /// <returns>Its test database.</returns>
    public TestDatabase TestDatabaseOf(object store) => _byStore[store].TestDatabase;

    /// <summary>Forgets a store, and deletes its database (with every instance opened over it) when the store owns it.</summary>
    /// <param name="store">A registered store.</param>
    /// <returns>A task that completes once released.</returns>
    public async Task ReleaseAsync(object store)
    {
        if (_byStore.Remove(store, out var entry) && entry.OwnsTestDatabase)
        {
            await entry.TestDatabase.DisposeAsync();
        }
    }

    /// <summary>Creates a conversation, with no agent and no lease, in a store's database.</summary>
    /// <param name="store">A registered store.</param>
    /// <returns>The conversation's id.</returns>
    public async Task<string> AddConversationAsync(object store) =>
        (await DatabaseOf(store).Conversations.CreateConversationAsync(new NewConversation("user-1"))).Id;

    private sealed record Entry(TestDatabase TestDatabase, AgentRuntimeDatabase Database, bool OwnsTestDatabase);
}
