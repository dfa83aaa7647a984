using System.Data.Common;
using Nosis.AgentRuntime.Data;

namespace Nosis.AgentRuntime.Samples.WorkerHost.Infrastructure;

/// <summary>Who may use which shared office: the sample's own table beside the runtime schema (the reference adapter has no membership).</summary>
/// <remarks>A user may always use their personal office; a shared office only when they created it (or were added here).</remarks>
internal sealed class OfficeMembers(AgentRuntimeDatabase database)
{
    private const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS sample_office_members ("
        + "office_id TEXT NOT NULL REFERENCES offices (id) ON DELETE CASCADE, "
        + "user_id TEXT NOT NULL, "
        + "PRIMARY KEY (office_id, user_id))";

    /// <summary>Creates the table when missing; several processes may call it at once.</summary>
    public async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(CreateTableSql, [], cancellationToken);
        }
        catch (DbException)
        {
            // Another process created it at the same moment (PostgreSQL raises a unique violation on its catalog); once more finds it.
            await ExecuteAsync(CreateTableSql, [], cancellationToken);
        }
    }

    public Task AddAsync(string officeId, string userId, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO sample_office_members (office_id, user_id) VALUES (@office, @user) ON CONFLICT DO NOTHING",
            [("@office", officeId), ("@user", userId)],
            cancellationToken);

    public async Task<IReadOnlyList<string>> ListOfficeIdsAsync(string userId, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT office_id FROM sample_office_members WHERE user_id = @user ORDER BY office_id", [("@user", userId)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public async Task<bool> IsMemberAsync(string officeId, string userId, CancellationToken cancellationToken)
    {
        await using var command = Command(
            "SELECT COUNT(*) FROM sample_office_members WHERE office_id = @office AND user_id = @user", [("@office", officeId), ("@user", userId)]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private async Task ExecuteAsync(string sql, (string Name, string Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Command(string sql, (string Name, string Value)[] parameters)
    {
        var command = database.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
