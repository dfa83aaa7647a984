using Nosis.AgentRuntime.Data.Tests.Infrastructure;

namespace Nosis.AgentRuntime.Data.Tests.Legacy;

/// <summary>The base of fixtures whose database starts as a hand-written legacy database, never migrated.</summary>
/// <param name="kind">Which database this instance of the fixture runs on.</param>
public abstract class LegacyDatabaseTest(DatabaseKind kind) : DatabaseTest(kind)
{
    /// <inheritdoc/>
    protected override bool MigrateOnSetUp => false;

    /// <summary>Writes the legacy schema and rows with plain SQL on a plain connection.</summary>
    /// <param name="shape">The schema's variations.</param>
    /// <param name="rows">Further statements, e.g. from <see cref="LegacySchemaScript"/>.</param>
    /// <returns>A task that completes once they are committed.</returns>
    protected Task CreateLegacyAsync(LegacyShape shape, params IEnumerable<string> rows) =>
        RawConnection.ExecuteAsync(TestDatabase, [.. LegacySchemaScript.Create(Kind, shape), .. rows]);

    /// <summary>Runs a migration expected to refuse and checks that schema and data are exactly as before.</summary>
    /// <returns>The refusal.</returns>
    protected async Task<SchemaMigrationException> MigrationRefusedAndNothingChangedAsync()
    {
        var schema = await DatabaseSnapshot.SchemaAsync(TestDatabase);
        var data = await DatabaseSnapshot.DataAsync(TestDatabase);

        var refusal = (await Database.Invoking(database => database.MigrateAsync()).Should().ThrowAsync<SchemaMigrationException>()).Which;

        (await DatabaseSnapshot.SchemaAsync(TestDatabase)).Should().Equal(schema, "a refused migration changes no schema object");
        (await DatabaseSnapshot.DataAsync(TestDatabase)).Should().Equal(data, "a refused migration changes no row");
        TestContext.Out.WriteLine(refusal.Message);
        return refusal;
    }
}
