using System.Runtime.InteropServices;
using Nosis.AgentRuntime.Emulator;

// Runs the Letta emulator until Ctrl+C:
//   dotnet run --project samples/Nosis.AgentRuntime.Samples.LettaEmulator -- --urls http://127.0.0.1:8283
//     [--api-key-env NAME | --api-key KEY] [--reply-script FILE]
// The key is best read from an environment variable (LETTA_EMULATOR_API_KEY, or the one --api-key-env names), so it does not
// show in the process list.
const string Usage = "usage: --urls http://127.0.0.1:8283 [--api-key-env NAME | --api-key KEY] [--reply-script FILE]";
var options = new LettaEmulatorOptions { ApiKey = Environment.GetEnvironmentVariable("LETTA_EMULATOR_API_KEY") is { Length: > 0 } fromEnvironment ? fromEnvironment : null };
LettaReplyScript? script = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--urls" when i + 1 < args.Length:
            foreach (var url in args[++i].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.Urls.Add(url);
            }

            break;
        case "--api-key" when i + 1 < args.Length:
            options.ApiKey = args[++i];
            break;
        case "--api-key-env" when i + 1 < args.Length:
            var variable = args[++i];
            options.ApiKey = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } key ? key : null;
            if (options.ApiKey is null)
            {
                Console.Error.WriteLine($"the environment variable {variable} is not set");
                return 2;
            }

            break;
        case "--reply-script" when i + 1 < args.Length:
            var path = args[++i];
            try
            {
                script = LettaReplyScript.Parse(File.ReadAllText(path));
            }
            catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"the reply script {path} is unusable: {exception.Message}");
                return 2;
            }

            break;
        case "--help" or "-h":
            Console.WriteLine(Usage);
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; {Usage}");
            return 2;
    }
}

await using var emulator = new LettaEmulator(options);
await emulator.StartAsync();
script?.ApplyTo(emulator);
Console.WriteLine($"Letta emulator listening on {emulator.BaseUrl}");
if (script is not null)
{
    Console.WriteLine($"Reply script: {script.RuleCount} rule(s)");
}
Console.WriteLine(options.ApiKey is null ? "Authentication: none" : "Authentication: bearer token required (key not shown)");
Console.WriteLine("Press Ctrl+C to stop.");

var stopped = new TaskCompletionSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopped.TrySetResult();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stopped.Task;
Console.WriteLine("Stopping.");
return 0;
