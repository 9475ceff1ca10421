// The migration runner with a made-up version 2 (and a version 3 newer than this build): steps run one at a time, each seeing the version it starts
// from, each committing its own user_version bump; a failing step leaves the index at the version before it.
using Microsoft.Data.Sqlite;
using UjailOverlay.State.Schema;
using UjailOverlay.State.Tests.Support;
using Xunit;

namespace UjailOverlay.State.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private readonly SqliteConnection _connection;
    private readonly List<string> _log = [];

    public MigrationTests() => _connection = ConnectionFactory.OpenReadWrite(_tmp.Sub("index.db"));

    public void Dispose()
    {
        _connection.Dispose();
        _tmp.Dispose();
    }

    private MigrationStep Logged(MigrationStep step) => step with
    {
        Apply = (c, t) =>
        {
            _log.Add($"{step.Name} at {Migrations.ReadVersion(c, t)}");
            step.Apply(c, t);
        },
    };

    private static readonly MigrationStep FakeV2 = new(1, "v2", (c, t) => Exec(c, t, "ALTER TABLE inodes ADD COLUMN v2_flag INTEGER NOT NULL DEFAULT 0"));

    /// <summary>A version after the newest this build knows.</summary>
    private static readonly MigrationStep FakeV3 = new(Migrations.CurrentVersion, "v3", (c, t) => Exec(c, t, "ALTER TABLE inodes ADD COLUMN v3_flag INTEGER NOT NULL DEFAULT 0"));

    private static void Exec(SqliteConnection c, SqliteTransaction t, string sql)
    {
        using var command = c.CreateCommand();
        command.Transaction = t;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private bool HasColumn(string table, string column)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info($table) WHERE name = $column";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$column", column);
        return (long)command.ExecuteScalar()! == 1;
    }

    [Fact]
    public void The_build_knows_versions_1_and_2()
    {
        Assert.Equal(2, Migrations.CurrentVersion);
        Assert.Equal([1, 2], Migrations.Run(_connection));
        Assert.Empty(Migrations.Run(_connection));
    }

    [Fact]
    public void Steps_run_one_version_at_a_time_in_order()
    {
        var steps = new[] { Logged(Migrations.Steps[0]), Logged(FakeV2) };
        Assert.Equal([1, 2], Migrations.Run(_connection, steps));
        Assert.Equal(["create version 1 tables at 0", "v2 at 1"], _log);
        Assert.Equal(2, Migrations.ReadVersion(_connection));
        Assert.True(HasColumn("inodes", "v2_flag"));
    }

    [Fact]
    public void A_version_1_index_takes_only_the_v2_step()
    {
        Migrations.Run(_connection, [Migrations.Steps[0]]);
        Assert.Equal([2], Migrations.Run(_connection, [Logged(Migrations.Steps[0]), Logged(FakeV2)]));
        Assert.Equal(["v2 at 1"], _log);
    }

    [Fact]
    public void A_failing_step_rolls_back_to_the_version_before_it()
    {
        Migrations.Run(_connection, [Migrations.Steps[0]]);
        var failing = new MigrationStep(1, "v2 that fails", (c, t) =>
        {
            FakeV2.Apply(c, t);
            throw new InvalidDataException("disk on fire");
        });
        Assert.Throws<InvalidDataException>(() => Migrations.Run(_connection, [Migrations.Steps[0], failing]));
        Assert.Equal(1, Migrations.ReadVersion(_connection));
        Assert.False(HasColumn("inodes", "v2_flag"));

        Assert.Equal([2], Migrations.Run(_connection, [Migrations.Steps[0], FakeV2]));
        Assert.True(HasColumn("inodes", "v2_flag"));
    }

    [Fact]
    public void An_index_newer_than_the_steps_is_refused_and_a_state_dir_at_v3_is_NewerVersion()
    {
        Migrations.Run(_connection, [.. Migrations.Steps, FakeV3]);
        Assert.Throws<InvalidOperationException>(() => Migrations.Run(_connection));

        var dir = _tmp.Sub("s");
        StateDirectory.Open(dir, StateAccess.CreateOrOpen).Dispose();
        using (var connection = ConnectionFactory.OpenReadWrite(Path.Combine(dir, "index.db")))
            Migrations.Run(connection, [.. Migrations.Steps, FakeV3]);
        var error = Assert.Throws<StateException>(() => StateDirectory.Open(dir, StateAccess.ReadWrite));
        Assert.Equal(StateErrorKind.NewerVersion, error.Kind);
    }

    [Fact]
    public void Steps_must_be_numbered_from_zero()
    {
        Assert.Throws<ArgumentException>(() => Migrations.Run(_connection, [FakeV2]));
    }
}
