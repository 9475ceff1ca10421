// Direct SQL on a state directory's index, for tests that build broken or old states by hand.
using Microsoft.Data.Sqlite;

namespace UjailOverlay.State.Tests.Support;

internal static class Sql
{
    public static void Exec(string stateDir, string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open(stateDir);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }

    public static object? Scalar(string stateDir, string sql)
    {
        using var connection = Open(stateDir);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static SqliteConnection Open(string stateDir)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(stateDir, "index.db"),
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }
}
