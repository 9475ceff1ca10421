// The dispatcher, generated from the syscall table: every entry the table marks Emulated names a handler
// here, and the supervisor's per-number array is built from the table alone, so a call cannot be notified by
// the filter and forgotten by the dispatcher (a missing handler fails start-up, and a test checks the table).
using UjailOverlay.Jail.Engine;
using UjailOverlay.Jail.Syscalls;

namespace UjailOverlay.Jail.Handlers;

internal static class HandlerRegistry
{
    public static IReadOnlyDictionary<string, Func<Call, Reply>> ByName { get; } = new Dictionary<string, Func<Call, Reply>>
    {
        ["open"] = OpenHandlers.Open,
        ["creat"] = OpenHandlers.Creat,
        ["openat"] = OpenHandlers.Openat,
        ["openat2"] = OpenHandlers.Openat2,

        ["stat"] = StatHandlers.Stat,
        ["lstat"] = StatHandlers.Lstat,
        ["fstat"] = StatHandlers.Fstat,
        ["newfstatat"] = StatHandlers.Newfstatat,
        ["statx"] = StatHandlers.Statx,
        ["statfs"] = StatHandlers.Statfs,
        ["access"] = StatHandlers.Access,
        ["faccessat"] = StatHandlers.Faccessat,
        ["faccessat2"] = StatHandlers.Faccessat2,
        ["readlink"] = StatHandlers.Readlink,
        ["readlinkat"] = StatHandlers.Readlinkat,

        ["getdents"] = DirectoryHandlers.Getdents,
        ["getdents64"] = DirectoryHandlers.Getdents64,
        ["getcwd"] = DirectoryHandlers.Getcwd,
        ["chdir"] = DirectoryHandlers.Chdir,
        ["fchdir"] = DirectoryHandlers.Fchdir,

        ["mkdir"] = NamespaceHandlers.Mkdir,
        ["mkdirat"] = NamespaceHandlers.Mkdirat,
        ["mknod"] = NamespaceHandlers.Mknod,
        ["mknodat"] = NamespaceHandlers.Mknodat,
        ["unlink"] = NamespaceHandlers.Unlink,
        ["unlinkat"] = NamespaceHandlers.Unlinkat,
        ["rmdir"] = NamespaceHandlers.Rmdir,
        ["rename"] = NamespaceHandlers.Rename,
        ["renameat"] = NamespaceHandlers.Renameat,
        ["renameat2"] = NamespaceHandlers.Renameat2,
        ["link"] = NamespaceHandlers.Link,
        ["linkat"] = NamespaceHandlers.Linkat,
        ["symlink"] = NamespaceHandlers.Symlink,
        ["symlinkat"] = NamespaceHandlers.Symlinkat,

        ["chmod"] = AttributeHandlers.Chmod,
        ["fchmod"] = AttributeHandlers.Fchmod,
        ["fchmodat"] = AttributeHandlers.Fchmodat,
        ["fchmodat2"] = AttributeHandlers.Fchmodat2,
        ["chown"] = AttributeHandlers.Chown,
        ["lchown"] = AttributeHandlers.Lchown,
        ["fchown"] = AttributeHandlers.Fchown,
        ["fchownat"] = AttributeHandlers.Fchownat,
        ["utime"] = AttributeHandlers.Utime,
        ["utimes"] = AttributeHandlers.Utimes,
        ["futimesat"] = AttributeHandlers.Futimesat,
        ["utimensat"] = AttributeHandlers.Utimensat,
        ["truncate"] = AttributeHandlers.Truncate,
        ["ftruncate"] = AttributeHandlers.Ftruncate,

        ["setxattr"] = XattrHandlers.Setxattr,
        ["lsetxattr"] = XattrHandlers.Lsetxattr,
        ["fsetxattr"] = XattrHandlers.Fsetxattr,
        ["getxattr"] = XattrHandlers.Getxattr,
        ["lgetxattr"] = XattrHandlers.Lgetxattr,
        ["fgetxattr"] = XattrHandlers.Fgetxattr,
        ["listxattr"] = XattrHandlers.Listxattr,
        ["llistxattr"] = XattrHandlers.Llistxattr,
        ["flistxattr"] = XattrHandlers.Flistxattr,
        ["removexattr"] = XattrHandlers.Removexattr,
        ["lremovexattr"] = XattrHandlers.Lremovexattr,
        ["fremovexattr"] = XattrHandlers.Fremovexattr,
        ["setxattrat"] = XattrHandlers.Setxattrat,
        ["getxattrat"] = XattrHandlers.Getxattrat,
        ["listxattrat"] = XattrHandlers.Listxattrat,
        ["removexattrat"] = XattrHandlers.Removexattrat,

        ["bind"] = SocketHandlers.Bind,
        ["connect"] = SocketHandlers.Connect,
        ["sendto"] = SendtoHandler.Sendto,
        ["sendmsg"] = SendmsgHandler.Sendmsg,
        ["sendmmsg"] = SendmsgHandler.Sendmmsg,

        ["inotify_add_watch"] = ProcessHandlers.InotifyAddWatch,
        ["setuid"] = IdentityHandlers.SetIds,
        ["setgid"] = IdentityHandlers.SetIds,
        ["setreuid"] = IdentityHandlers.SetIds,
        ["setregid"] = IdentityHandlers.SetIds,
        ["setgroups"] = IdentityHandlers.SetIds,
        ["setresuid"] = IdentityHandlers.SetIds,
        ["setresgid"] = IdentityHandlers.SetIds,
        ["setfsuid"] = IdentityHandlers.SetIds,
        ["setfsgid"] = IdentityHandlers.SetIds,
        ["capset"] = IdentityHandlers.SetIds,
        ["umask"] = ProcessHandlers.Umask,
        ["getuid"] = IdentityHandlers.Getuid,
        ["geteuid"] = IdentityHandlers.Geteuid,
        ["getgid"] = IdentityHandlers.Getgid,
        ["getegid"] = IdentityHandlers.Getegid,
        ["getresuid"] = IdentityHandlers.Getresuid,
        ["getresgid"] = IdentityHandlers.Getresgid,
        ["getgroups"] = IdentityHandlers.Getgroups,
        ["file_getattr"] = _ => Reply.Fail(Core.Errno.EOPNOTSUPP),
        ["file_setattr"] = _ => Reply.Fail(Core.Errno.EOPNOTSUPP),
    };

    /// <summary>The per-number dispatch array for the supervisor. A handler is found by the syscall's own name (it
    /// decodes that call's argument layout) or, for calls that share one decoding, by the table's handler key.</summary>
    public static Func<Call, Reply>?[] Build(SyscallTableView table)
    {
        var byNr = new Func<Call, Reply>?[table.MaxNumber + 1];
        foreach (var entry in table.Notified)
        {
            if (!ByName.TryGetValue(entry.Name, out var handler) && !ByName.TryGetValue(entry.Handler, out handler))
                throw new JailException(JailFailure.Setup, $"syscall {entry.Name}: no handler '{entry.Handler}' (table and dispatcher disagree)");
            byNr[entry.Number] = handler;
        }
        return byNr;
    }
}
