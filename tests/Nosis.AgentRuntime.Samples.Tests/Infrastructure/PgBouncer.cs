using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Nosis.AgentRuntime.Data.Tests.Infrastructure;
using Npgsql;

namespace Nosis.AgentRuntime.Samples.Tests.Infrastructure;

/// <summary>Debian's PgBouncer in transaction mode in front of a test cluster, on a free loopback port; disposing stops it.</summary>
public sealed class PgBouncer : IAsyncDisposable
{
    private readonly string _directory;

    private PgBouncer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    /// <summary>Gets the port PgBouncer listens on.</summary>
    public int Port { get; }

    /// <summary>Finds the pgbouncer executable; ignores the test when it is missing, or fails it when CI is "true".</summary>
    /// <returns>The executable's path.</returns>
    public static string Require()
    {
        var found = new[] { "/usr/sbin/pgbouncer", "/usr/bin/pgbouncer" }.FirstOrDefault(File.Exists);
        if (found is null)
        {
            const string reason = "PgBouncer is not installed; install Debian's pgbouncer package (eng/test.sh does).";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(reason);
            }

            Assert.Ignore(reason);
        }

        return found!;
    }

    /// <summary>Starts PgBouncer (transaction pooling, at most <paramref name="serverConnections"/> server connections per database).</summary>
    /// <param name="cluster">The server it pools.</param>
    /// <param name="serverConnections">The pool size per database and user.</param>
    /// <returns>The running pooler.</returns>
    public static async Task<PgBouncer> StartAsync(PostgresCluster cluster, int serverConnections)
    {
        var executable = Require();
        var directory = await cluster.CreateServerUserDirectoryAsync("nosis-pgbouncer-");
        var port = FreeLoopbackPort();
        await File.WriteAllTextAsync(Path.Combine(directory, "users.txt"), "\"postgres\" \"\"\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "pgbouncer.ini"), $"""
            [databases]
            * = host=127.0.0.1 port={cluster.Port}

            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {port}
            unix_socket_dir =
            auth_type = trust
            auth_file = {directory}/users.txt
            pool_mode = transaction
            default_pool_size = {serverConnections}
            max_client_conn = 2000
            ignore_startup_parameters = extra_float_digits,search_path
            logfile = {directory}/pgbouncer.log
            pidfile = {directory}/pgbouncer.pid
            """);
        var bouncer = new PgBouncer(directory, port);
        try
        {
            await cluster.RunAsServerUserAsync(executable, ["-d", Path.Combine(directory, "pgbouncer.ini")]);
            await bouncer.WaitUntilServingAsync();
            return bouncer;
        }
        catch
        {
            await bouncer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns a connection string to a database of the cluster, through the pooler.</summary>
    /// <param name="direct">A connection string to the database, straight to the server.</param>
    /// <returns>The same string, pointed at the pooler.</returns>
    public string Through(string direct) => new NpgsqlConnectionStringBuilder(direct) { Port = Port }.ConnectionString;

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        var pidFile = Path.Combine(_directory, "pgbouncer.pid");
        if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), out var pid))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                process.Kill();
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task WaitUntilServingAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
