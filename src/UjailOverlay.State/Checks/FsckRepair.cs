// Carries out what FsckChecks planned: filesystem work that makes content first, then the whole index change
// in one transaction (the difference between the image as loaded and the repaired model), then removals of
// what the index no longer references.
using Microsoft.Data.Sqlite;
using UjailOverlay.Core.Persistence;
using UjailOverlay.State.Index;

namespace UjailOverlay.State.Checks;

internal static class FsckRepair
{
    public static void Apply(FsckChecks plan, OverlayImage original, SqliteConnection connection)
    {
        foreach (var action in plan.BeforeCommit)
            action();

        using (var statements = new IndexStatements(connection))
        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            statements.Enlist(transaction);
            var before = original.Dentries.ToDictionary(d => d.Path, d => d.Ino, StringComparer.Ordinal);
            foreach (var path in before.Keys.Where(p => !plan.Dentries.ContainsKey(p)))
                statements.DropDentry(path);
            foreach (var (path, ino) in plan.Dentries)
            {
                if (!before.TryGetValue(path, out var old) || old != ino)
                    statements.PutDentry(path, ino);
            }

            // An inode stays only while a dentry names it.
            var named = plan.Dentries.Values.Where(i => i != 0).ToHashSet();
            var existed = original.Inodes.Select(i => i.Ino).ToHashSet();
            foreach (var ino in existed.Where(i => !named.Contains(i) || !plan.Inodes.ContainsKey(i)))
                statements.DropInode(ino);
            foreach (var inode in plan.Inodes.Values.Where(i => named.Contains(i.Ino) && !existed.Contains(i.Ino)))
                statements.PutInode(inode);

            if (plan.NextIno != original.NextIno)
                statements.SetNextIno(plan.NextIno);
            foreach (var entry in plan.Journal)
                statements.Journal(entry);
            transaction.Commit();
            statements.Enlist(null);
        }

        foreach (var action in plan.AfterCommit)
            action();
    }
}
