using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Nosis.AgentRuntime.Data.Tests.Infrastructure;

/// <summary>A throw-away PostgreSQL cluster on a free loopback port: initdb into a temp directory, pg_ctl start, fsync off.</summary>
/// <remarks>
/// Self-contained (BCL + Npgsql) so other test projects can link this file. When the test process runs as root, initdb and
/// postgres run as the <c>postgres</c> system user (or a <c>nosis-pg</c> user created with useradd) through runuser, because
/// PostgreSQL refuses to run as root. <see cref="DisposeAsync"/> stops the server and deletes the directory.
/// </remarks>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Superuser = "postgres";

    private readonly string _binDirectory;
    private readonly string _root;
    private readonly string? _runAsUser;
    private readonly string _serverSettings;
    private int _disposed;

    private PostgresCluster(string binDirectory, string root, string? runAsUser, int port, string serverSettings)
    {
        _binDirectory = binDirectory;
        _root = root;
        _runAsUser = runAsUser;
        _serverSettings = serverSettings;
        Port = port;
        AdminConnectionString = ConnectionStringFor("postgres");
    }

    /// <summary>Gets the loopback TCP port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Gets a superuser connection string to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    /// <summary>Gets the cluster's data directory.</summary>
    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Finds the directory holding initdb and pg_ctl: Debian's /usr/lib/postgresql/N/bin (newest) or the PATH.</summary>
    /// <returns>The directory, or <see langword="null"/> when PostgreSQL is not installed.</returns>
    public static string? FindBinDirectory()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: dir, Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : -1))
                .Where(candidate => File.Exists(Path.Combine(candidate.Dir, "bin", "initdb")))
                .OrderByDescending(candidate => candidate.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return Path.Combine(newest.Dir, "bin");
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator).FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
    }

    /// <summary>Creates and starts a cluster.</summary>
    /// <param name="binDirectory">Where initdb and pg_ctl are (see <see cref="FindBinDirectory"/>).</param>
    /// <param name="maxConnections">The server's <c>max_connections</c>.</param>
    /// <param name="serverSettings">More <c>-c name=value</c> server options, e.g. <c>-c shared_preload_libraries=pg_stat_statements</c>.</param>
    /// <returns>The running cluster.</returns>
    public static async Task<PostgresCluster> StartAsync(string binDirectory, int maxConnections = 400, string serverSettings = "")
    {
        var runAsUser = Environment.IsPrivilegedProcess ? await EnsureSystemUserAsync().ConfigureAwait(false) : null;
        var root = Directory.CreateTempSubdirectory("nosis-pg-").FullName;
        try
        {
            if (runAsUser is not null)
            {
                await RunAsync("chown", ["-R", runAsUser, root]).ConfigureAwait(false);
            }

            var port = FreeLoopbackPort();
            var cluster = new PostgresCluster(binDirectory, root, runAsUser, port, $"-c max_connections={maxConnections} {serverSettings}".TrimEnd());
            await cluster.RunToolAsync(
                "initdb",
                ["-D", cluster.DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"])
                .ConfigureAwait(false);
            await cluster.StartServerAsync().ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    /// <summary>Returns a connection string to a database of the cluster.</summary>
    /// <param name="database">The database name.</param>
    /// <returns>The connection string.</returns>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        MaxPoolSize = 64,
        Timeout = 30,
    }.ConnectionString;

    /// <summary>Creates a fresh, empty database.</summary>
    /// <param name="prefix">A prefix for its generated name.</param>
    /// <returns>A connection string to it.</returns>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using var dataSource = NpgsqlDataSource.Create(AdminConnectionString);
        await using var command = dataSource.CreateCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>Starts the server again after <see cref="StopServerAsync"/>, on the same port with the same data.</summary>
    /// <returns>A task that completes once the server accepts connections.</returns>
    public Task StartServerAsync()
    {
        var serverOptions = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off " + _serverSettings;
        return RunToolAsync(
            "pg_ctl", ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", serverOptions, "-w", "-t", "60", "start"]);
    }

    /// <summary>Stops the server (fast mode: open connections are terminated, as an operator's restart does) and keeps its data.</summary>
    /// <returns>A task that completes once stopped.</returns>
    public Task StopServerAsync() => RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"]);

    /// <summary>Stops the server (immediate mode) and deletes its directory.</summary>
    /// <returns>A task that completes once stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]).ConfigureAwait(false);
        }
        finally
        {
            TryDelete(_root);
        }
    }

    /// <summary>Creates a temp directory the server's system user owns, e.g. for a pooler in front of the server.</summary>
    /// <param name="prefix">The directory name's prefix.</param>
    /// <returns>The directory; the caller deletes it.</returns>
    public async Task<string> CreateServerUserDirectoryAsync(string prefix)
    {
        var directory = Directory.CreateTempSubdirectory(prefix).FullName;
        if (_runAsUser is not null)
        {
            await RunAsync("chown", ["-R", _runAsUser, directory]).ConfigureAwait(false);
        }

        return directory;
    }

    /// <summary>Runs a program to its end as the server's system user (through runuser when the tests run as root).</summary>
    /// <param name="executable">The program.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>A task that completes when it exited with 0; it throws with the program's output otherwise.</returns>
    public Task RunAsServerUserAsync(string executable, IReadOnlyList<string> arguments) =>
        _runAsUser is null ? RunAsync(executable, arguments) : RunAsync("runuser", ["-u", _runAsUser, "--", executable, .. arguments]);

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments) => RunAsServerUserAsync(Path.Combine(_binDirectory, tool), arguments);

    private static async Task<string> EnsureSystemUserAsync()
    {
        foreach (var user in new[] { "postgres", "nosis-pg" })
        {
            if (await TryRunAsync("id", ["-u", user]).ConfigureAwait(false))
            {
                return user;
            }
        }

        await RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "nosis-pg"]).ConfigureAwait(false);
        return "nosis-pg";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> TryRunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        try
        {
            await RunAsync(fileName, arguments).ConfigureAwait(false);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var output = Path.GetTempFileName();
        try
        {
            // Output goes to a file, not a pipe: the postmaster that pg_ctl forks would otherwise hold the pipe open.
            var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add("exec \"$0\" \"$@\" >\"$NOSIS_PG_OUTPUT\" 2>&1");
            startInfo.ArgumentList.Add(fileName);
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            startInfo.Environment["NOSIS_PG_OUTPUT"] = output;
            startInfo.Environment["LC_ALL"] = "C";
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await File.ReadAllTextAsync(output).ConfigureAwait(false)}");
            }
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
