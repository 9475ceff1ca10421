// bash and coreutils under the jail on a seeded host tree (see ScriptConformance): redirections and pipes;
// cp -a, mv, rm -rf of a host subtree, ln, chmod -R, touch, mkdir -p, find -printf, ls -l, stat; sed -i.
// As root and as uid 65534.
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class ShellToolsTests
{
    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bash_redirections_and_pipes(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "bash");
        ScriptConformance.Check(s, """
            echo first > out.txt
            echo second >> out.txt
            cat out.txt | tr a-z A-Z > upper.txt
            sort -r < out.txt > sorted.txt
            exec 3> fd3.txt; echo via-fd3 >&3; exec 3>&-
            exec 4<> data.txt; echo rw >&4; exec 4>&-
            { echo one; echo two; } | tee tee.txt | wc -l > count.txt
            : > trunc_me.txt
            echo appended >> dir/inner.txt
            cat nonexistent 2> err.txt || true
            set -o noclobber
            if (echo x > out.txt) 2>/dev/null; then echo clobbered; else echo noclobber held; fi
            set +o noclobber
            (echo replaced >| ro.txt) 2>/dev/null || echo ro.txt not writable
            cat out.txt upper.txt sorted.txt fd3.txt count.txt tee.txt err.txt data.txt dir/inner.txt
            wc -c trunc_me.txt ro.txt
            """);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Coreutils_copy_move_remove_link_chmod_touch(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "coreutils");
        ScriptConformance.Check(s, """
            cp -a dir dir_copy
            mkdir copies
            cp -a pair_a pair_b link_data copies/
            mv data.txt moved.txt
            mv tree tree_moved
            rm -rf tree_moved dir/sub
            rm -f del_me.txt
            ln -s moved.txt sym_moved
            ln pair_a pair_hard
            chmod -R go-rwx dir_copy
            chmod 4755 exec.sh
            touch -d @1234567890 touched big.bin
            mkdir -p a/b/c/d
            find . ! -type d -printf '%P|%y|%m|%n|%s|%l\n' | LC_ALL=C sort
            find . -type d -printf '%P|%m\n' | LC_ALL=C sort
            ls -ln --time-style=+T moved.txt pair_a pair_hard ro.txt sym_moved copies/*
            stat -c '%n %F %a %h %s %Y' touched big.bin
            stat -c '%n %F %a %h %s' exec.sh
            """, verify: """
            cat moved.txt sym_moved copies/pair_b
            ls -A tree_moved 2>&1 || true
            stat -c '%n %a %h' pair_a copies/pair_a copies/pair_b
            """);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sed_in_place_edits_of_host_files(bool unprivileged)
    {
        using var s = new Scratch(unprivileged, "sed");
        ScriptConformance.Check(s, """
            sed -i 's/hello/bye/; s/seed/jail/' data.txt
            sed -i.bak 's/inner/INNER/' dir/inner.txt
            sed -i '1i first line' ro.txt
            cat data.txt dir/inner.txt dir/inner.txt.bak ro.txt link_data
            stat -c '%n %a %s' data.txt dir/inner.txt dir/inner.txt.bak ro.txt
            """, verify: "cat data.txt dir/inner.txt ro.txt\n");
    }
}
