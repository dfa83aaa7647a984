namespace Nosis.AgentRuntime.Benchmarks;

/// <summary>The median the benchmark's reports use: the middle value, or the mean of the two middle ones.</summary>
public static class Medians
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
