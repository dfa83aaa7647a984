namespace Nosis.AgentRuntime.Emulator.AppServer;

/// <summary>
/// The App Server's own directories under the system temp directory, readable by the current user only: its home (where
/// letta-code keeps settings, the model provider, agents, conversations and memory, under <c>.letta</c>), the working
/// directory its agents' tools run in, a temp directory, and the capability token file.
/// </summary>
internal sealed class AppServerScratch
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private AppServerScratch(string root)
    {
        Root = root;
        HomeDirectory = Create(Path.Combine(root, "home"));
        WorkingDirectory = Create(Path.Combine(root, "work"));
        TempDirectory = Create(Path.Combine(root, "tmp"));
        TokenFile = Path.Combine(root, "ws-token");
    }

    public string Root { get; }

    public string HomeDirectory { get; }

    public string WorkingDirectory { get; }

    public string TempDirectory { get; }

    public string TokenFile { get; }

    public static AppServerScratch Create() =>
        new(Create(Path.Combine(Path.GetTempPath(), "nosis-appserver-" + Guid.NewGuid().ToString("N")[..12])));

    /// <summary>Writes <paramref name="token"/> to <see cref="TokenFile"/>, readable by the current user only.</summary>
    public void WriteToken(string token)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(TokenFile, options);
        writer.Write(token);
    }

    public void Delete()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying child: the temp directory keeps it.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }

    private static string Create(string path) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path).FullName : Directory.CreateDirectory(path, OwnerOnly).FullName;
}
