// --fake-root: the ids a jailed process has in the jail's eyes. Every process starts as root (all ids 0,
// groups [0]); set*id calls change these virtually, following credentials(7) for unprivileged callers; file
// checks and the ids the process reads about itself come from here. The real ids never change.
namespace UjailOverlay.Jail.Engine;

internal sealed class FakeIds
{
    public uint Ruid, Euid, Suid, Fsuid, Rgid, Egid, Sgid, Fsgid;
    public uint[] Groups = { 0 };

    public FakeIds Copy() => (FakeIds)MemberwiseClone();

    private bool Privileged => Euid == 0;

    private bool MayTakeUid(uint id) => Privileged || id == Ruid || id == Euid || id == Suid;
    private bool MayTakeGid(uint id) => Privileged || id == Rgid || id == Egid || id == Sgid;

    public bool SetUid(uint id)
    {
        if (Privileged) { Ruid = Euid = Suid = Fsuid = id; return true; }
        if (id != Ruid && id != Suid) return false;
        Euid = Fsuid = id;
        return true;
    }

    public bool SetGid(uint id)
    {
        if (Privileged) { Rgid = Egid = Sgid = Fsgid = id; return true; }
        if (id != Rgid && id != Sgid) return false;
        Egid = Fsgid = id;
        return true;
    }

    /// <summary>setresuid; uint.MaxValue leaves an id unchanged.</summary>
    public bool SetResUid(uint r, uint e, uint s)
    {
        foreach (var id in new[] { r, e, s }) if (id != uint.MaxValue && !MayTakeUid(id)) return false;
        if (r != uint.MaxValue) Ruid = r;
        if (e != uint.MaxValue) Euid = e;
        if (s != uint.MaxValue) Suid = s;
        Fsuid = Euid;
        return true;
    }

    public bool SetResGid(uint r, uint e, uint s)
    {
        foreach (var id in new[] { r, e, s }) if (id != uint.MaxValue && !MayTakeGid(id)) return false;
        if (r != uint.MaxValue) Rgid = r;
        if (e != uint.MaxValue) Egid = e;
        if (s != uint.MaxValue) Sgid = s;
        Fsgid = Egid;
        return true;
    }

    /// <summary>setreuid: the saved id follows the effective one when the real id is set or the effective id
    /// changes to something other than the real id (setreuid(2)).</summary>
    public bool SetReUid(uint r, uint e)
    {
        var oldR = Ruid;
        if (!SetResUid(r, e, uint.MaxValue)) return false;
        if (r != uint.MaxValue || (e != uint.MaxValue && e != oldR)) Suid = Euid;
        return true;
    }

    public bool SetReGid(uint r, uint e)
    {
        var oldR = Rgid;
        if (!SetResGid(r, e, uint.MaxValue)) return false;
        if (r != uint.MaxValue || (e != uint.MaxValue && e != oldR)) Sgid = Egid;
        return true;
    }

    public uint SetFsUid(uint id)
    {
        var old = Fsuid;
        if (id != uint.MaxValue && MayTakeUid(id) | id == Fsuid) Fsuid = id;
        return old;
    }

    public uint SetFsGid(uint id)
    {
        var old = Fsgid;
        if (id != uint.MaxValue && MayTakeGid(id) | id == Fsgid) Fsgid = id;
        return old;
    }

    public bool SetGroups(uint[] groups)
    {
        if (!Privileged) return false;
        Groups = groups;
        return true;
    }
}
