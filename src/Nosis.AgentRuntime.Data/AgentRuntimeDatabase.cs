using System.Data.Common;
using Microsoft.Data.Sqlite;
using Nosis.AgentRuntime.Data.Internal;
using Nosis.AgentRuntime.Data.Migrations;
using Npgsql;

namespace Nosis.AgentRuntime.Data;

/// <summary>A SQL database for the agent runtime: the data source, its dialect, the migrations and the stores over it.</summary>
/// <remarks>
/// Every store opens one pooled connection per operation from <see cref="DataSource"/> and runs the same SQL text on SQLite and
/// PostgreSQL; only <see cref="MigrateAsync"/> differs by <see cref="Dialect"/>. Timestamps are stored as Unix epoch
/// milliseconds taken from <see cref="TimeProvider"/>. The instance is safe to share between threads; stores on separate
/// processes given the same connection string cooperate through the database alone.
/// </remarks>
public sealed class AgentRuntimeDatabase : IAsyncDisposable
{
    private readonly bool _ownsDataSource;
    private int _officeBackfills;

    /// <summary>Initializes a new database over a data source the caller configured.</summary>
    /// <param name="dataSource">The data source. For SQLite its connections must enable foreign keys (<c>Foreign Keys=True</c>).</param>
    /// <param name="dialect">Which database it is.</param>
    /// <param name="timeProvider">The clock for timestamps and lease expiry; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <param name="ownsDataSource">Whether disposing this instance disposes <paramref name="dataSource"/>.</param>
    public AgentRuntimeDatabase(DbDataSource dataSource, SqlDialect dialect, TimeProvider? timeProvider = null, bool ownsDataSource = false)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (!Enum.IsDefined(dialect))
        {
            throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Not a defined SQL dialect.");
        }

        DataSource = dataSource;
        Dialect = dialect;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _ownsDataSource = ownsDataSource;
        Runner = new SqlRunner(dataSource);
        Offices = new SqlOfficeStore(this);
        Workspaces = new SqlWorkspaceStore(this);
        Conversations = new SqlConversationStore(this);
        Messages = new SqlMessageStore(this);
        AgentIds = new SqlAgentIdRegistry(this);
        TurnLeases = new SqlTurnLeaseStore(this);
        SharedAgents = new SqlSharedAgentRegistry(this);

        ActiveRuns = new SqlActiveRunStore(this);
    }

    /// <summary>Gets the schema version <see cref="MigrateAsync"/> brings a database to.</summary>
    public static int LatestSchemaVersion => SchemaMigrations.All[^1].Version;

    /// <summary>Gets the data source every store opens its connections from.</summary>
    public DbDataSource DataSource { get; }

    /// <summary>Gets which database this is.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Gets the clock for timestamps and lease expiry.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the offices.</summary>
    public SqlOfficeStore Offices { get; }

    /// <summary>Gets the workspaces.</summary>
    public SqlWorkspaceStore Workspaces { get; }

    /// <summary>Gets the conversations.</summary>
    public SqlConversationStore Conversations { get; }

    /// <summary>Gets the messages; the runtime's <c>IMessageStore</c>.</summary>
    public SqlMessageStore Messages { get; }

    /// <summary>Gets the agent id registry; the runtime's <c>IAgentIdRegistry</c>.</summary>
    public SqlAgentIdRegistry AgentIds { get; }

    /// <summary>Gets the turn lease store; the runtime's <c>ITurnLeaseStore</c>.</summary>
    public SqlTurnLeaseStore TurnLeases { get; }

    /// <summary>Gets the registry of the shared scopes' agents and each conversation's Letta conversation.</summary>
    public SqlSharedAgentRegistry SharedAgents { get; }

    /// <summary>Gets the conversations' turn state for background runs.</summary>
    public SqlActiveRunStore ActiveRuns { get; }

    internal SqlRunner Runner { get; }

    /// <summary>Gets what the PostgreSQL lease acquisition read for the turn that follows it.</summary>
    internal TurnReadAhead ReadAhead { get; } = new();

    /// <summary>Gets how many legacy rows this instance gave an office at run time (rows an update actually changed).</summary>
    internal int OfficeBackfills => Volatile.Read(ref _officeBackfills);

    /// <summary>Creates a database over a SQLite file, created when missing, with pooling and foreign keys on.</summary>
    /// <param name="path">The file path.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <returns>The database; dispose it to release the data source.</returns>
    public static AgentRuntimeDatabase CreateSqlite(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        return new AgentRuntimeDatabase(new SqliteDbDataSource(connectionString), SqlDialect.Sqlite, timeProvider, ownsDataSource: true);
    }

    /// <summary>Creates a database over PostgreSQL through an Npgsql data source (which pools connections).</summary>
    /// <remarks>
    /// Unless the string sets <c>No Reset On Close</c>, it is turned on: the stores keep no session state, so the <c>DISCARD ALL</c>
    /// Npgsql would send per pooled operation buys nothing. Size <c>Maximum Pool Size</c> for the number of workers sharing the
    /// server, and leave <c>Max Auto Prepare</c> off behind a transaction pooler (<c>docs/many-workers.md</c>).
    /// </remarks>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="timeProvider">The clock; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <returns>The database; dispose it to release the data source.</returns>
    public static AgentRuntimeDatabase CreatePostgres(string connectionString, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var dataSource = NpgsqlDataSource.Create(PostgresConnectionStrings.WithDefaults(connectionString));
        return new AgentRuntimeDatabase(dataSource, SqlDialect.PostgreSql, timeProvider, ownsDataSource: true);
    }

    /// <summary>Applies every migration not yet applied, each in its own transaction; safe to run from many processes at once.</summary>
    /// <remarks>
    /// A database that has the legacy tables but no <c>schema_migrations</c> is adopted as version 1 when its tables and columns
    /// match (<c>docs/office-ownership.md</c>, "Adopting an existing database"). Every check of every pending migration runs
    /// before the first change.
    /// </remarks>
    /// <param name="cancellationToken">Cancels between statements.</param>
    /// <returns>A task that completes once the schema is at <see cref="LatestSchemaVersion"/>.</returns>
    /// <exception cref="SchemaMigrationException">A migration refused what the database holds; nothing was changed.</exception>
    /// <exception cref="DatabaseConfigurationException">The connection is configured in a way the stores cannot use safely (prepared statements behind a transaction pooler); nothing was changed.</exception>
    public Task MigrateAsync(CancellationToken cancellationToken = default) => MigrateToAsync(LatestSchemaVersion, cancellationToken);

    /// <summary>Reads the schema version of the database.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The highest applied migration, or 0 for an empty database.</returns>
    public Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken = default) =>
        new SchemaMigrator(this).GetVersionAsync(cancellationToken);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
            if (DataSource is SqliteDbDataSource)
            {
                // Idle pooled connections keep the file open; close them so the host may move or delete it.
                using var connection = new SqliteConnection(DataSource.ConnectionString);
                SqliteConnection.ClearPool(connection);
            }
        }
    }

    internal Task MigrateToAsync(int version, CancellationToken cancellationToken) => new SchemaMigrator(this).MigrateAsync(version, cancellationToken);

    internal long Now() => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    internal void CountOfficeBackfills(int changedRows)
    {
        if (changedRows > 0)
        {
            Interlocked.Add(ref _officeBackfills, changedRows);
        }
    }
}
