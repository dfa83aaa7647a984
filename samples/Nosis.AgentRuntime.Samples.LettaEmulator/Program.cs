using System.Runtime.InteropServices;
using Nosis.AgentRuntime.Emulator;

// Runs the Letta emulator until Ctrl+C:
//   dotnet run --project samples/Nosis.AgentRuntime.Samples.LettaEmulator -- --urls http://127.0.0.1:8283 [--api-key KEY]
var options = new LettaEmulatorOptions();
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
        case "--help" or "-h":
            Console.WriteLine("usage: --urls http://127.0.0.1:8283 [--api-key KEY]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'; usage: --urls http://127.0.0.1:8283 [--api-key KEY]");
            return 2;
    }
}

await using var emulator = new LettaEmulator(options);
await emulator.StartAsync();
Console.WriteLine($"Letta emulator listening on {emulator.BaseUrl}");
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
