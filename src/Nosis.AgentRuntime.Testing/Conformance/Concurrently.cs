using System.Diagnostics;
using NUnit.Framework;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Starts many operations at the same moment, so that a race in the implementation under test shows.</summary>
internal static class Concurrently
{
    /// <summary>Gets how long any single step of a conformance test may take before the test fails.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Runs <paramref name="count"/> operations released together from thread-pool threads, and collects their results.</summary>
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> operation, string what)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = new Task<T>[count];
        for (var i = 0; i < count; i++)
        {
            var index = i;
            tasks[i] = Task.Run(async () =>
            {
                await start.Task.ConfigureAwait(false);
                return await operation(index).ConfigureAwait(false);
            });
        }

        start.SetResult();
        return await WithinAsync(Task.WhenAll(tasks), what).ConfigureAwait(false);
    }

    /// <summary>Awaits a task, failing the test with a plain message when it takes longer than <see cref="StepTimeout"/>.</summary>
    public static async Task<T> WithinAsync<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(StepTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what} did not finish within {StepTimeout.TotalSeconds:0} s.");
            throw new UnreachableException();
        }
    }

    /// <summary>Awaits a task, failing the test with a plain message when it takes longer than <see cref="StepTimeout"/>.</summary>
    public static async Task WithinAsync(Task task, string what)
    {
        try
        {
            await task.WaitAsync(StepTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{what} did not finish within {StepTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>Disposes an object the way a test's clean-up should: async first, then sync.</summary>
    public static async Task DisposeAsync(object? instance)
    {
        switch (instance)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
