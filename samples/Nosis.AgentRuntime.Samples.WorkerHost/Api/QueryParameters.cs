using System.Globalization;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Api;

/// <summary>Reads paging and filter query parameters, with errors that name the parameter.</summary>
internal static class QueryParameters
{
    public static bool TryReadPaging(HttpRequest request, int defaultLimit, int maxLimit, out int limit, out int offset, out IResult? error)
    {
        error = null;
        offset = 0;
        if (!TryReadInt(request, "limit", defaultLimit, 1, maxLimit, out limit, out error))
        {
            return false;
        }

        return TryReadInt(request, "offset", 0, 0, int.MaxValue, out offset, out error);
    }

    /// <summary>Reads an optional id filter: absent means none, present must not be blank.</summary>
    public static bool TryReadId(HttpRequest request, string name, out string? value, out IResult? error)
    {
        error = null;
        value = null;
        if (!request.Query.TryGetValue(name, out var raw))
        {
            return true;
        }

        value = raw.ToString();
        error = Validation.Id(value, $"The query parameter '{name}'");
        return error is null;
    }

    private static bool TryReadInt(HttpRequest request, string name, int fallback, int min, int max, out int value, out IResult? error)
    {
        error = null;
        value = fallback;
        if (!request.Query.TryGetValue(name, out var raw))
        {
            return true;
        }

        if (int.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        error = ApiError.BadRequest($"The query parameter '{name}' must be an integer from {min} to {max}.");
        return false;
    }
}
