using Nosis.AgentRuntime.Contracts;

namespace Nosis.AgentRuntime.Testing.Tests.Conformance.Broken.Reporter;

/// <summary>Not thread-safe: it reads the next append slot, awaits the write, then moves the slot on, so overlapping reports overwrite each other.</summary>
/// <remarks>
/// A plain List&lt;T&gt; without a lock loses reports only when two threads run at the same instant, which a loaded machine
/// does not promise; this sink's unsafe window spans an await, as a file or table sink's does, so overlapping calls always collide.
/// </remarks>
public sealed class UnsafeAppendErrorReporter : BrokenErrorReporter
{
    private readonly Dictionary<int, ErrorReport> _slots = [];
    private int _next;

    public override IReadOnlyList<ErrorReport> Reports
    {
        get
        {
            lock (_slots)
            {
                return [.. _slots.Values];
            }
        }
    }

    public override async Task ReportAsync(ErrorReport report, CancellationToken cancellationToken = default)
    {
        var slot = _next;
        await Task.Yield(); // writing the record at the slot
        lock (_slots)
        {
            _slots[slot] = report;
        }

        _next = slot + 1;
    }
}
