using System.Diagnostics;
using NUnit.Framework;

namespace Nosis.AgentRuntime.Testing.Conformance;

/// <summary>Starts many operations at the same moment, so that a race in the implementation under test shows.</summary>
internal static class Concurrently
{
    /// <summary>Gets how long any single step of a conformance test may take before the test fails.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(20);

    private const int RendezvousEvery = 256;

    /// <summary>Runs <paramref name="count"/> operations started together from several dedicated threads, and collects their results.</summary>
    /// <remarks>
    /// The threads wait on one gate and start their share of the operations at the same moment, so that the synchronous part
    /// of each operation (a check before a write) overlaps with the others even on two cores.
    /// </remarks>
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> operation, string what)
    {
        var results = new Task<T>[count];
        var threads = Math.Min(count, Math.Max(4, Environment.ProcessorCount * 2));
        var rounds = (count + threads - 1) / threads;
        using var gate = new ManualResetEventSlim();
        using var rendezvous = new Barrier(threads);
        var starters = new Task[threads];
        for (var t = 0; t < threads; t++)
        {
            var first = t;
            starters[t] = Task.Factory.StartNew(
                () =>
                {
                    gate.Wait();
                    for (var round = 0; round < rounds; round++)
                    {
                        // Every few rounds all threads meet, so that they run their operations side by side again
                        // even when the machine is busy and would otherwise run them one thread after another.
                        if (round % RendezvousEvery == 0 && !rendezvous.SignalAndWait(StepTimeout))
                        {
                            return;
                        }

                        var i = round * threads + first;
                        if (i < count)
                        {
                            results[i] = Start(operation, i);
                        }
                    }
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default);
        }

        gate.Set();
        await WithinAsync(Task.WhenAll(starters), what).ConfigureAwait(false);
        return await WithinAsync(Task.WhenAll(results.Select(r => r ?? Task.FromException<T>(new TimeoutException($"{what}: an operation never started.")))), what).ConfigureAwait(false);
    }

    /// <summary>Runs operations like <see cref="RunAsync{T}"/> and counts those that threw instead of failing on the first.</summary>
    public static async Task<int> CountFailuresAsync(int count, Func<int, Task> operation, string what)
    {
        var outcomes = await RunAsync(
            count,
            async i =>
            {
                try
                {
                    await operation(i).ConfigureAwait(false);
                    return true;
                }
#pragma warning disable CA1031 // The caller reports how many operations threw, in plain words.
                catch (Exception)
#pragma warning restore CA1031
                {
                    return false;
                }
            },
            what).ConfigureAwait(false);
        return outcomes.Count(ok => !ok);
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

    private static Task<T> Start<T>(Func<int, Task<T>> operation, int index)
    {
        try
        {
            return operation(index);
        }
#pragma warning disable CA1031 // A synchronous throw becomes the operation's faulted task, as an async method's would.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromException<T>(ex);
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
