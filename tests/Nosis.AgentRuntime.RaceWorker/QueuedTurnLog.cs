using Microsoft.Extensions.Logging;

namespace Nosis.AgentRuntime.RaceWorker;

/// <summary>
/// Prints a JSON line for every turn the App Server queued behind another of its conversation (the backend's event 9012). The
/// App Server serialises such turns itself, so neither the replies nor the history show them: this line is how a race sees
/// that two turns of one conversation overlapped in the runtime, which the turn lease must prevent.
/// </summary>
internal sealed class QueuedTurnLog : ILoggerProvider, ILogger
{
    private const int TurnQueuedEventId = 9012;

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == TurnQueuedEventId)
        {
            JsonLines.Write(new { Event = "queued", Message = formatter(state, exception) });
        }
    }

    public void Dispose()
    {
    }
}
