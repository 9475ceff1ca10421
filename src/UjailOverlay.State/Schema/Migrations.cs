// Brings an index to the newest schema one version at a time. Each step v(n) -> v(n+1) runs in its own
// transaction that also sets PRAGMA user_version to n+1 (user_version lives in the database header, page 1,
// so it commits or rolls back with the step). A failed step leaves the index exactly at version n.
// To add version 2: write SchemaV2.Upgrade(connection, transaction) and append `new(1, "...", SchemaV2.Upgrade)`.
using Microsoft.Data.Sqlite;

namespace UjailOverlay.State.Schema;

/// <summary>One step from schema version <paramref name="From"/> to From + 1.</summary>
internal sealed record MigrationStep(int From, string Name, Action<SqliteConnection, SqliteTransaction> Apply);

internal static class Migrations
{
    /// <summary>Every step this build knows, in order: Steps[i].From == i.</summary>
    public static IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new(0, "create version 1 tables", SchemaV1.Create),
        new(1, "run history in the index", SchemaV2.Upgrade),
    ];

    /// <summary>The schema version this build writes: the number of steps.</summary>
    public static int CurrentVersion => Steps.Count;

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar());
    }

    /// <summary>
    /// Applies the steps from the index's version up to the last step. Returns the versions it passed through
    /// (empty when already current). Throws InvalidOperationException when the index is newer than the steps
    /// know (the caller checks that first and turns it into StateErrorKind.NewerVersion).
    /// </summary>
    public static IReadOnlyList<int> Run(SqliteConnection connection, IReadOnlyList<MigrationStep>? steps = null)
    {
        steps ??= Steps;
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].From != i)
                throw new ArgumentException($"migration step {i} starts at version {steps[i].From}", nameof(steps));
        }

        var applied = new List<int>();
        while (true)
        {
            // BEGIN IMMEDIATE: the write lock is taken before user_version is read, so two migrators cannot
            // both see version n and both apply step n.
            using var transaction = connection.BeginTransaction(deferred: false);
            var version = ReadVersion(connection, transaction);
            if (version > steps.Count)
                throw new InvalidOperationException($"index schema version {version} is newer than {steps.Count}");
            if (version == steps.Count)
                return applied;

            var step = steps[version];
            step.Apply(connection, transaction);
            using (var bump = connection.CreateCommand())
            {
                bump.Transaction = transaction;
                // PRAGMA takes no parameters; the value is our own integer, never input.
                bump.CommandText = $"PRAGMA user_version = {step.From + 1}";
                bump.ExecuteNonQuery();
            }
            transaction.Commit();
            applied.Add(step.From + 1);
        }
    }
}
