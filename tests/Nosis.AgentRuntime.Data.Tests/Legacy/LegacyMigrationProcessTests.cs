using System.Text.Json;
using FluentAssertions.Execution;
using Microsoft.Data.Sqlite;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using static Nosis.AgentRuntime.Data.Tests.Legacy.LegacySchemaScript;

namespace Nosis.AgentRuntime.Data.Tests.Legacy;

/// <summary>
/// The migration of a large hand-written legacy database (<see cref="LegacyDataset"/>, with the team's column, index, trigger
/// and view, no schema_migrations) run by separate OS processes (the race worker's <c>migrate</c> mode): four at once, or one
/// killed with SIGKILL in the middle of migration 2.
/// </summary>
[TestFixture(DatabaseKind.Sqlite)]
[TestFixture(DatabaseKind.PostgreSql)]
public sealed class LegacyMigrationProcessTests(DatabaseKind kind) : LegacyDatabaseTest(kind)
{
    private readonly LegacyDataset _dataset = new();

    // PostgreSQL holds blank office ids only where the team declared no foreign keys; SQLite declares them and does not enforce them.
    private LegacyShape Shape => new() { TeamObjects = true, ForeignKeys = Kind == DatabaseKind.Sqlite };

    [Test]
    public async Task MigrateAsync_FourProcessesAtOnceOnTwoThousandLegacyConversations_AdoptedOnceEveryRowOwnedAndTheTeamSchemaKept()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await CreateLegacyAsync(Shape, _dataset.Statements);
        TestContext.Out.WriteLine($"{Kind}: legacy database written in {clock.ElapsedMilliseconds} ms");

        var lines = await RunMigratorsAsync(4, expectedExitCode: 0);
        TestContext.Out.WriteLine($"{Kind}: four migrators done at {clock.ElapsedMilliseconds} ms");

        lines.Where(line => Event(line) == "migrated").Should().HaveCount(4);
        await AssertMigratedAsync();
        TestContext.Out.WriteLine($"{Kind}: checked at {clock.ElapsedMilliseconds} ms");
    }

    [Test]
    public async Task MigrateAsync_FourProcessesAtOnceOnALegacyDatabaseWithOrphans_EveryProcessRefusesNamingTheRowsAndNothingChanges()
    {
        await CreateLegacyAsync(Shape, [.. _dataset.Statements, Message("m-orphan", "c-deleted-long-ago")]);
        var schema = await DatabaseSnapshot.SchemaAsync(TestDatabase);
        var data = await DatabaseSnapshot.DataAsync(TestDatabase);

        var lines = await RunMigratorsAsync(4, expectedExitCode: 3);

        lines.Where(line => Event(line) == "refused").Select(line => line.GetProperty("message").GetString())
            .Should().HaveCount(4).And.OnlyContain(message => message!.Contains("'m-orphan'") && message.Contains("orphaned before the migration ran"));
        (await DatabaseSnapshot.SchemaAsync(TestDatabase)).Should().Equal(schema);
        (await DatabaseSnapshot.DataAsync(TestDatabase)).Should().Equal(data);
    }

    [Test]
    public async Task MigrateAsync_ProcessKilledInTheMiddleOfMigrationTwo_NothingOfItStaysAndTheNextRunCompletes()
    {
        await CreateLegacyAsync(Shape, _dataset.Statements);
        var schema = await DatabaseSnapshot.SchemaAsync(TestDatabase);
        var data = await DatabaseSnapshot.DataAsync(TestDatabase);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var attempts = Kind == DatabaseKind.PostgreSql ? await KillWhileBlockedAsync() : await KillWhileWritingAsync();

        TestContext.Out.WriteLine($"{Kind}: killed inside migration 2 after {attempts} attempt(s), {clock.ElapsedMilliseconds} ms");
        (await QueryAsync("SELECT version FROM schema_migrations")).Select(row => row[0]).Should().Equal(["1"], "only the adoption had committed");
        (await DatabaseSnapshot.SchemaAsync(TestDatabase)).Where(line => !line.Contains("schema_migrations")).Should().Equal(schema);
        (await DatabaseSnapshot.DataAsync(TestDatabase)).Where(line => !line.StartsWith("schema_migrations:", StringComparison.Ordinal)).Should().Equal(data);

        await Database.MigrateAsync();
        TestContext.Out.WriteLine($"{Kind}: the next run completed at {clock.ElapsedMilliseconds} ms");

        await AssertMigratedAsync();
    }

    private static string? Event(JsonElement line) => line.TryGetProperty("event", out var value) ? value.GetString() : null;

    private RaceWorkerProcess StartMigrator(string name, string barrier) => RaceWorkerProcess.Start(
        RaceWorkerProcess.FindWorkerDll(),
        ["migrate", "--provider", Kind == DatabaseKind.Sqlite ? "sqlite" : "postgres", "--database", TestDatabase.Target, "--barrier", barrier, "--name", name]);

    private async Task<List<JsonElement>> RunMigratorsAsync(int count, int expectedExitCode)
    {
        var barrier = Path.Combine(Path.GetTempPath(), $"nosis-migrate-{Guid.NewGuid():N}.go");
        var workers = Enumerable.Range(0, count).Select(i => StartMigrator($"m{i}", barrier)).ToList();
        try
        {
            await Task.WhenAll(workers.Select(w => w.Ready)).WaitAsync(TimeSpan.FromSeconds(30));
            await File.WriteAllTextAsync(barrier, "go");
            var exitCodes = await Task.WhenAll(workers.Select(w => w.WaitForExitAsync(TimeSpan.FromSeconds(90))));
            var lines = workers.SelectMany(w => w.Lines).ToList();
            TestContext.Out.WriteLine(string.Join('\n', lines.Where(l => Event(l) == "migrated")));
            exitCodes.Should().OnlyContain(code => code == expectedExitCode, "stderr: {0}", string.Join('\n', workers.Select(w => w.Stderr)));
            return lines;
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
            File.Delete(barrier);
        }
    }

    /// <summary>PostgreSQL: a plain connection holds workspaces in EXCLUSIVE mode, so the migrator stops at migration 2's first write to it, with its earlier changes made; then it is killed.</summary>
    private async Task<int> KillWhileBlockedAsync()
    {
        await using var blocker = await RawConnection.OpenAsync(TestDatabase);
        var transaction = await blocker.BeginTransactionAsync();
        await using (transaction)
        {
            await RawConnection.QueryAsync(blocker, "LOCK TABLE workspaces IN EXCLUSIVE MODE");
            var barrier = Path.Combine(Path.GetTempPath(), $"nosis-migrate-{Guid.NewGuid():N}.go");
            using var worker = StartMigrator("killed", barrier);
            try
            {
                await worker.Ready.WaitAsync(TimeSpan.FromSeconds(30));
                await File.WriteAllTextAsync(barrier, "go");
                const string waiting = "SELECT COUNT(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'workspaces' AND NOT l.granted";
                for (var polls = 0; (await RawConnection.QueryAsync(blocker, waiting)).Single()[0] == "0"; polls++)
                {
                    polls.Should().BeLessThan(3000, "the migrator should block on the workspaces lock; stderr: {0}", worker.Stderr);
                    await Task.Delay(10);
                }

                worker.Kill();
            }
            finally
            {
                File.Delete(barrier);
            }

            await transaction.RollbackAsync();
        }

        // The orphaned backend ends its transaction when it next writes to the dead client; wait for its locks to go.
        for (var polls = 0; (await RawConnection.QueryAsync(blocker, "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'")).Single()[0] != "0"; polls++)
        {
            polls.Should().BeLessThan(3000, "the killed migrator's session should end");
            await Task.Delay(10);
        }

        return 1;
    }

    /// <summary>SQLite: once migration 1 is committed, the migrator holding the write lock is inside migration 2; kill it then. Retried from a copy when migration 2 won the race.</summary>
    private async Task<int> KillWhileWritingAsync()
    {
        var original = TestDatabase.Target + ".original";
        File.Copy(TestDatabase.Target, original);
        for (var attempt = 1; ; attempt++)
        {
            var barrier = Path.Combine(Path.GetTempPath(), $"nosis-migrate-{Guid.NewGuid():N}.go");
            using (var worker = StartMigrator("killed", barrier))
            {
                await worker.Ready.WaitAsync(TimeSpan.FromSeconds(30));
                await File.WriteAllTextAsync(barrier, "go");
                await using var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = TestDatabase.Target, Pooling = false }.ToString());
                await probe.OpenAsync();
                // Probe gently: Microsoft.Data.Sqlite sleeps before it retries a lock it found held, so a tight probe could starve the migrator.
                for (var polls = 0; polls < 30_000 && !worker.Exited; polls++)
                {
                    var applied = (await RawConnection.QueryAsync(probe, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'")).Single()[0] == "1"
                        ? (await RawConnection.QueryAsync(probe, "SELECT COUNT(*) FROM schema_migrations")).Single()[0]
                        : "0";
                    if (applied != "0" && (applied != "1" || !await TryTakeWriteLockAsync(probe)))
                    {
                        break; // inside migration 2, or too late for this attempt: kill it either way
                    }

                    await Task.Delay(1);
                }

                worker.Kill();
                File.Delete(barrier);
            }

            if ((await QueryAsync("SELECT MAX(version) FROM schema_migrations")).Single()[0] == "1" || attempt == 25)
            {
                File.Delete(original);
                return attempt;
            }

            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                File.Delete(TestDatabase.Target + suffix);
            }

            File.Copy(original, TestDatabase.Target, overwrite: true);
        }
    }

    /// <summary>Tries SQLite's write lock once, without the busy wait Microsoft.Data.Sqlite adds around its own commands.</summary>
    private static Task<bool> TryTakeWriteLockAsync(SqliteConnection probe)
    {
        var result = SQLitePCL.raw.sqlite3_exec(probe.Handle, "BEGIN IMMEDIATE");
        if (result == SQLitePCL.raw.SQLITE_OK)
        {
            SQLitePCL.raw.sqlite3_exec(probe.Handle, "ROLLBACK").Should().Be(SQLitePCL.raw.SQLITE_OK);
            return Task.FromResult(true);
        }

        result.Should().Be(SQLitePCL.raw.SQLITE_BUSY, "the only way BEGIN IMMEDIATE fails here is another writer");
        return Task.FromResult(false);
    }

    private async Task AssertMigratedAsync()
    {
        var rows = await QueryAsync(
            "SELECT c.id, c.office_id, o.personal_user_id, c.execution_target, c.workspace_id FROM conversations c LEFT JOIN offices o ON o.id = c.office_id");
        var actual = rows.Select(row => $"{row[0]}|{(row[2] is { } user ? "personal:" + user : row[1])}|{row[3]}|{row[4]}").Order(StringComparer.Ordinal);
        var expected = _dataset.Expected.Select(pair => $"{pair.Key}|{pair.Value.Office}|{pair.Value.Target}|{pair.Value.Workspace}").Order(StringComparer.Ordinal);
        using (new AssertionScope())
        {
            actual.Should().Equal(expected, "every conversation is owned by the right office, with a target the runtime reads");
            (await QueryAsync("SELECT version, COUNT(*) FROM schema_migrations GROUP BY version ORDER BY version")).Select(row => row[0] + "x" + row[1])
                .Should().Equal(Migrations.SchemaMigrations.All.Select(m => $"{m.Version}x1"), "each migration ran once");
            (await QueryAsync("SELECT id FROM offices WHERE personal_user_id = 'u0'")).Single()[0].Should().Be("po-u0", "existing personal offices are reused");
            (await QueryAsync("SELECT COUNT(*) FROM offices WHERE personal_user_id IS NOT NULL")).Single()[0]
                .Should().Be(_dataset.PersonalOfficeCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "one personal office per user who needs one, none duplicated");
            (await QueryAsync("SELECT COUNT(*) FROM messages")).Single()[0].Should().Be(_dataset.MessageCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            (await QueryAsync("SELECT COUNT(*) FROM team_pinned")).Single()[0].Should().Be(_dataset.PinnedCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            (await QueryAsync("SELECT color FROM workspaces WHERE id = 'ws7'")).Single()[0].Should().Be("color 7");
        }

        await ExecuteAsync("UPDATE conversations SET title = 'after' WHERE id = 'c0001'");
        (await QueryAsync("SELECT title FROM team_audit WHERE conversation_id = 'c0001'")).Single()[0].Should().Be("after", "the team's trigger still fires");
        (await Database.Conversations.GetRuntimeAsync("c0002"))!.OfficeId.Should().NotBeNullOrWhiteSpace();
    }
}
