using Microsoft.Extensions.Time.Testing;

namespace Nosis.AgentRuntime.Data.Tests.Infrastructure;

/// <summary>The base of every fixture that runs on both databases: derived fixtures carry one [TestFixture] per <see cref="DatabaseKind"/>.</summary>
/// <param name="kind">Which database this instance of the fixture runs on.</param>
public abstract class DatabaseTest(DatabaseKind kind)
{
    /// <summary>Gets the database kind.</summary>
    protected DatabaseKind Kind => kind;

    /// <summary>Gets the test's clock.</summary>
    protected FakeTimeProvider Time { get; private set; } = null!;

    /// <summary>Gets the test's fresh database.</summary>
    protected TestDatabase TestDatabase { get; private set; } = null!;

    /// <summary>Gets an instance over it, migrated unless <see cref="MigrateOnSetUp"/> says otherwise.</summary>
    protected AgentRuntimeDatabase Database { get; private set; } = null!;

    /// <summary>Gets a value indicating whether set-up migrates the database to the latest version.</summary>
    protected virtual bool MigrateOnSetUp => true;

    /// <summary>Creates the database.</summary>
    /// <returns>A task.</returns>
    [SetUp]
    public async Task SetUpDatabaseAsync()
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        TestDatabase = await TestDatabase.CreateAsync(kind);
        Database = TestDatabase.Open(Time);
        if (MigrateOnSetUp)
        {
            await Database.MigrateAsync();
        }
    }

    /// <summary>Deletes the database.</summary>
    /// <returns>A task.</returns>
    [TearDown]
    public async Task TearDownDatabaseAsync()
    {
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        if (TestDatabase is not null)
        {
            await TestDatabase.DisposeAsync();
        }
    }

    /// <summary>Runs a raw statement on <see cref="Database"/>.</summary>
    /// <param name="sql">The statement.</param>
    /// <param name="values">Values of <c>@p0</c>, <c>@p1</c>, ….</param>
    /// <returns>Rows affected.</returns>
    protected Task<int> ExecuteAsync(string sql, params object?[] values) => TestDatabase.ExecuteAsync(Database, sql, values);

    /// <summary>Runs a raw query on <see cref="Database"/>.</summary>
    /// <param name="sql">The query.</param>
    /// <param name="values">Values of <c>@p0</c>, <c>@p1</c>, ….</param>
    /// <returns>The rows as strings.</returns>
    protected Task<List<string?[]>> QueryAsync(string sql, params object?[] values) => TestDatabase.QueryAsync(Database, sql, values);
}
