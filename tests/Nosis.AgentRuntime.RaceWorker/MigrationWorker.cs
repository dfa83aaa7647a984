using System.Diagnostics;
using Nosis.AgentRuntime.Data;

namespace Nosis.AgentRuntime.RaceWorker;

/// <summary>
/// The <c>migrate</c> mode: one process that migrates a shared database when the barrier file appears, so that several
/// processes migrate at once (or one is killed mid-migration). Prints {"event":"ready"}, {"event":"migrating"}, then
/// {"event":"migrated","version":N} (exit 0) or {"event":"refused","message":…} (exit 3); exit 2 for bad arguments or a crash.
/// </summary>
internal static class MigrationWorker
{
    public const string Usage = "usage: Nosis.AgentRuntime.RaceWorker migrate --provider sqlite|postgres --database <path|connection string> --barrier <file> [--name <worker>]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        string? provider = null, database = null, barrier = null, name = null;
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            switch (args[i])
            {
                case "--provider": provider = args[i + 1]; break;
                case "--database": database = args[i + 1]; break;
                case "--barrier": barrier = args[i + 1]; break;
                case "--name": name = args[i + 1]; break;
                default: Console.Error.WriteLine($"Unknown argument {args[i]}.\n{Usage}"); return 2;
            }
        }

        if (provider is not ("sqlite" or "postgres") || database is null || barrier is null || args.Count % 2 != 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        name ??= $"migrator-{Environment.ProcessId}";
        var db = provider == "sqlite" ? AgentRuntimeDatabase.CreateSqlite(database) : AgentRuntimeDatabase.CreatePostgres(database);
        await using (db)
        {
            JsonLines.Write(new { Event = "ready", Worker = name, Pid = Environment.ProcessId });
            var waited = Stopwatch.StartNew();
            while (!File.Exists(barrier))
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(60))
                {
                    Console.Error.WriteLine($"The barrier file {barrier} did not appear within 60 s.");
                    return 2;
                }

                await Task.Delay(2);
            }

            JsonLines.Write(new { Event = "migrating", Worker = name });
            var migrating = Stopwatch.StartNew();
            try
            {
                await db.MigrateAsync();
            }
            catch (SchemaMigrationException ex)
            {
                JsonLines.Write(new { Event = "refused", Worker = name, ex.Message });
                return 3;
            }

            JsonLines.Write(new { Event = "migrated", Worker = name, Version = await db.GetSchemaVersionAsync(), Milliseconds = migrating.ElapsedMilliseconds });
            return 0;
        }
    }
}
