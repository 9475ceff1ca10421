// `ujail fsck`: checks a state directory from the outside in and, with repair, fixes what it can in one index
// transaction. Order: marker and format, index (integrity_check, schema), then the model (FsckChecks) against
// upper/ and work/. A finding that makes the rest meaningless (no marker, a corrupt or newer index) stops the
// check there, and such a directory is never modified.
// Without repair nothing is written: the index is read through an inspection connection and no lock is taken
// (so a check beside a live writer can see a half-made change as a stray). Repair takes the writer lock.
using Microsoft.Data.Sqlite;
using UjailOverlay.Core.Ports;
using UjailOverlay.State.Checks;
using UjailOverlay.State.Index;
using UjailOverlay.State.Layout;
using UjailOverlay.State.Schema;

namespace UjailOverlay.State;

public static class Fsck
{
    /// <summary>
    /// Checks (and with <paramref name="repair"/> repairs) the state directory at path. Pass an IUpperTree rooted
    /// at its upper/ for exact lstat data (owner, nanosecond times, FIFOs, link counts); without one the
    /// hard-link check is skipped and says so in FsckReport.Skipped. Throws StateException for NotFound,
    /// Unreadable, NotAStateDir (a file) and, with repair, Locked.
    /// </summary>
    public static FsckReport Run(string path, bool repair, IUpperTree? upper = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        var findings = new List<FsckFinding>();
        var stop = CheckMarker(full, findings);
        if (stop)
            return new FsckReport(full, findings, false, []);

        using var held = repair ? StateLock.Acquire(full, wait: null) : null;
        var indexPath = System.IO.Path.Combine(full, StateLayout.Index);
        try
        {
            if (CheckIndex(full, indexPath, repair, findings))
                return new FsckReport(full, findings, false, []);

            using var connection = repair ? ConnectionFactory.OpenReadWrite(indexPath) : ConnectionFactory.OpenForInspection(indexPath);
            var repaired = repair && Migrations.Run(connection).Count > 0;
            if (repair)
                RunHistory.ImportLegacy(full, connection); // a version-1 directory's history.db, as a writable open does
            if (CheckIntegrity(connection, findings))
                return new FsckReport(full, findings, false, []);

            var image = IndexReader.LoadImage(connection);
            var checks = new FsckChecks(full, image, upper);
            checks.RunAll();
            findings.AddRange(checks.Findings);
            if (repair && checks.Findings.Count > 0)
            {
                FsckRepair.Apply(checks, image, connection);
                repaired = true;
            }
            return new FsckReport(full, findings, repaired, checks.Skipped);
        }
        catch (SqliteException e)
        {
            throw IndexCheck.Translate(e, full);
        }
    }

    /// <summary>Adds a finding and returns true when the directory is not one fsck may go on with.</summary>
    private static bool CheckMarker(string full, List<FsckFinding> findings)
    {
        var probe = StateProbe.Inspect(full);
        switch (probe.Kind)
        {
            case ProbeKind.Marked:
                return false;
            case ProbeKind.Missing or ProbeKind.Empty:
                throw StateException.At(StateErrorKind.NotFound, full, "no state directory here");
            case ProbeKind.Foreign or ProbeKind.InterruptedCreation:
                findings.Add(new FsckFinding(FsckFindingKind.MarkerMissing, "", FsckAction.None,
                    probe.Kind == ProbeKind.Foreign
                        ? "no ujail-state marker: not a state directory; left alone"
                        : "no ujail-state marker: creation was interrupted; open with CreateOrOpen to finish it"));
                return true;
        }
        var error = probe.Error!;
        var kind = error.Kind switch
        {
            StateErrorKind.Corrupt => FsckFindingKind.BadMarker,
            StateErrorKind.NewerVersion => FsckFindingKind.NewerVersion,
            _ => throw error,
        };
        findings.Add(new FsckFinding(kind, "", FsckAction.None, error.Message));
        return true;
    }

    private static bool CheckIndex(string full, string indexPath, bool repair, List<FsckFinding> findings)
    {
        int version;
        try
        {
            version = IndexCheck.Inspect(full, indexPath);
        }
        catch (StateException e) when (e.Kind is StateErrorKind.Corrupt or StateErrorKind.NewerVersion)
        {
            findings.Add(new FsckFinding(e.Kind == StateErrorKind.Corrupt ? FsckFindingKind.IndexCorrupt : FsckFindingKind.NewerVersion,
                StateLayout.Index, FsckAction.None, e.Message));
            return true;
        }
        if (version < Migrations.CurrentVersion)
        {
            findings.Add(new FsckFinding(FsckFindingKind.OldSchema, StateLayout.Index, FsckAction.Migrate,
                $"schema version {version}, this build writes {Migrations.CurrentVersion}"));
            return !repair; // the checks below read the current schema
        }
        return false;
    }

    private static bool CheckIntegrity(SqliteConnection connection, List<FsckFinding> findings)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        using var reader = command.ExecuteReader();
        var problems = new List<string>();
        while (reader.Read())
        {
            var line = reader.GetString(0);
            if (line != "ok")
                problems.Add(line);
        }
        foreach (var problem in problems)
            findings.Add(new FsckFinding(FsckFindingKind.IndexCorrupt, StateLayout.Index, FsckAction.None, problem));
        return problems.Count > 0;
    }
}
