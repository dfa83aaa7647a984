using System.Data;

namespace Nosis.AgentRuntime.Data.Internal;

/// <summary>One named, typed parameter of a statement; typed so that a null value still has a type on PostgreSQL.</summary>
internal readonly record struct SqlParameterValue(string Name, object? Value, DbType Type)
{
    public static SqlParameterValue Text(string name, string? value) => new(name, value, DbType.String);

    public static SqlParameterValue Int32(string name, int? value) => new(name, value, DbType.Int32);

    public static SqlParameterValue Int64(string name, long? value) => new(name, value, DbType.Int64);
}
